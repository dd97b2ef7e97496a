package app.offramp.adapter.insights;

import static org.assertj.core.api.Assertions.assertThat;

import app.offramp.adapter.embedding.MiniLmSentenceEncoder;
import app.offramp.adapter.store.CaffeineConversationStore;
import app.offramp.core.conversation.ConversationKey;
import app.offramp.core.conversation.Engines;
import app.offramp.core.conversation.Input;
import app.offramp.core.service.ConversationService;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report on a database filled by a scenario run through the real engine and recorder. */
class InsightsReportTest {
  @TempDir
  Path dir;

  @Test
  void theReportGroupsUnansweredQuestionsByMeaningAndFollowsTheWalkThroughs() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("insights.db");
    ConversationService service = new ConversationService(Engines.real(), new CaffeineConversationStore());
    try (InsightsRecorder recorder = InsightsRecorder.open(url, dir.resolve("insights.salt"), true, Duration.ofDays(30),
        Clock.systemUTC())) {
      service.addObserver(recorder);
      // Three members ask about the weather (two ways), one about pizza: not this bot's topics.
      service.handle(new ConversationKey("1", "dm"), new Input.Text("what will the weather be like in Lisbon tomorrow"));
      service.handle(new ConversationKey("2", "dm"), new Input.Text("is it going to rain in Lisbon tomorrow"));
      service.handle(new ConversationKey("3", "dm"), new Input.Text("weather forecast for Lisbon tomorrow?"));
      service.handle(new ConversationKey("4", "dm"), new Input.Text("can you order me a large pepperoni pizza"));
      // Two walk-throughs on the phone: one finished, one "it didn't work" at step 2.
      ConversationKey ana = new ConversationKey("5", "dm");
      service.handle(ana, new Input.Text("how do I cancel amazon music on my phone"));
      for (int i = 0; i < 4; i++) {
        service.handle(ana, new Input.Pick("nav:next"));
      }
      service.handle(ana, new Input.Pick("nav:done"));
      service.handle(ana, new Input.Pick("vote:yes"));
      ConversationKey bo = new ConversationKey("6", "dm");
      service.handle(bo, new Input.Text("how do I cancel amazon music on my phone"));
      service.handle(bo, new Input.Pick("nav:next"));
      service.handle(bo, new Input.Pick("nav:didnt"));
      ConversationKey cy = new ConversationKey("7", "dm");
      service.handle(cy, new Input.Text("is there a penalty for cancelling"));
      service.handle(cy, new Input.Pick("vote:no"));
    }
    MiniLmSentenceEncoder encoder = MiniLmSentenceEncoder.shared();
    InsightsReport.Report report;
    try (Connection db = DriverManager.getConnection(url)) {
      report = InsightsReport.build(db, Instant.now().minus(Duration.ofDays(7)), Instant.now().plusSeconds(1),
          encoder::encode, text -> Optional.of("help"));
    }
    assertThat(report.outcomes()).containsEntry("unanswered", 4L);
    assertThat(report.unanswered().get(0).count()).as("the weather questions, grouped").isEqualTo(3);
    assertThat(report.unanswered().get(0).members()).isEqualTo(3);
    assertThat(report.unanswered()).hasSize(2);
    assertThat(report.unanswered().get(1).examples()).containsExactly("can you order me a large pepperoni pizza");
    InsightsReport.Funnel phone = report.walkThroughs().stream().filter(f -> f.intent().equals("cancel")
        && f.platform().equals("mobile")).findFirst().orElseThrow();
    assertThat(phone.started()).isEqualTo(2);
    assertThat(phone.finished()).isEqualTo(1);
    assertThat(phone.membersAtStep()).containsEntry(1, 2L).containsEntry(2, 2L).containsEntry(5, 1L);
    assertThat(phone.didntWorkAtStep()).containsExactlyEntriesOf(java.util.Map.of(2, 1L));
    assertThat(report.days()).singleElement().satisfies(d -> {
      assertThat(d.questions()).isEqualTo(7);
      assertThat(d.answered()).isEqualTo(3);
    });
    assertThat(report.helpfulness()).containsExactly(new InsightsReport.Helpfulness("cancel", 1, 0),
        new InsightsReport.Helpfulness("penalty", 0, 1));
    String yaml = InsightsReport.suggestions(report);
    assertThat(yaml).contains("examples:\n  - \"").contains("nearest intent: help");
    String firstGroup = yaml.substring(yaml.indexOf("examples:"), yaml.indexOf("\n\n", yaml.indexOf("examples:")));
    com.fasterxml.jackson.databind.JsonNode parsed = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(firstGroup);
    assertThat(parsed.path("examples")).hasSize(3);
    assertThat(parsed.path("examples").get(0).asText()).contains("Lisbon");
    assertThat(ReportHtml.render(report)).contains("<svg class=\"chart answered\"").contains("<svg class=\"chart funnel\"").contains("<svg class=\"chart votes\"")
        .doesNotContain("<script").doesNotContain("<link").doesNotContain("@import");
  }

  /** Regression (issue 23): member text reached the terminal raw (ESC[2J cleared it; a newline forged a row). */
  @Test
  void memberTextIsPrintedWithItsControlCharactersEscaped() {
    String typed = "hi\u001b[2J\u001b]0;pwned\u0007\nforged row\u0085\u202e";
    String shown = InsightsReport.printable(typed);
    assertThat(shown).doesNotContain("\u001b", "\n", "\u0007", "\u0085", "\u202e")
        .contains("\\u001b[2J", "\\u000a", "forged row");
  }

  /** Regression (issue 23): --suggest wrote C1 controls and U+FFFE/U+FFFF raw, and YAML refused the file. */
  @Test
  void suggestedExamplesAreYamlWhateverTheMemberTyped() throws Exception {
    String typed = "a\u0085b\u009fc\ufffe\uffffd\u0000e\"f\\";
    String yaml = "examples:\n  - " + InsightsReport.yamlString(typed) + "\n";
    com.fasterxml.jackson.databind.JsonNode read = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(yaml);
    assertThat(read.path("examples").get(0).asText()).isEqualTo(typed);
  }

  @Test
  void ticketsAreRecordedWithoutTextAndReportedWithTheirTimesAndRatings() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("tickets.db");
    Instant t0 = Instant.now().minus(Duration.ofHours(1));
    try (InsightsRecorder recorder = InsightsRecorder.open(url, dir.resolve("insights.salt"), true, Duration.ofDays(30),
        Clock.systemUTC())) {
      // Three tickets: first responses after 60 s and 300 s (one never answered), closes after 10 and 30 minutes.
      ticket(recorder, t0, "101", "thread", "cancel", 60, 600, "staff", 5);
      ticket(recorder, t0, "102", "dm", "cancel", 300, 1800, "member", 3);
      recorder.ticket(event(t0, app.offramp.core.port.out.TicketEvent.Kind.OPENED, "103", "dm", "", null, null, null));
    }
    InsightsReport.Tickets t;
    try (Connection db = DriverManager.getConnection(url)) {
      t = InsightsReport.build(db, Instant.now().minus(Duration.ofDays(1)), Instant.now().plusSeconds(1),
          text -> new float[384], text -> Optional.empty()).tickets();
      try (var rows = db.createStatement().executeQuery("SELECT ticket, member, staff FROM ticket_events LIMIT 1")) {
        rows.next();
        assertThat(rows.getString(1)).as("ids are hashed").doesNotContain("101").hasSizeGreaterThan(20);
        assertThat(rows.getString(2)).doesNotContain("member-101");
      }
    }
    assertThat(t.opened()).isEqualTo(3);
    assertThat(t.openedByPlace()).containsEntry("thread", 1L).containsEntry("dm", 2L);
    assertThat(t.claimed()).isEqualTo(2);
    assertThat(t.firstResponse()).isEqualTo(new InsightsReport.Spread(2, 60.0, 300.0));
    assertThat(t.close()).isEqualTo(new InsightsReport.Spread(2, 600.0, 1800.0));
    assertThat(t.closedBy()).containsEntry("staff", 1L).containsEntry("member", 1L);
    assertThat(t.ratingsByTopic().get("cancel")).isEqualTo(new InsightsReport.Ratings(2, 4.0,
        java.util.Map.of(3, 1L, 5, 1L)));
    String text = InsightsReport.text(InsightsReport.build(DriverManager.getConnection(url),
        Instant.now().minus(Duration.ofDays(1)), Instant.now().plusSeconds(1), s -> new float[384], s -> Optional.empty()));
    assertThat(text).contains("Tickets: 3 opened", "time to first staff response: median 60 s, p90 5.0 min (2 tickets)",
        "cancel  4.0 of 5 (2 ratings");
  }

  private static void ticket(InsightsRecorder recorder, Instant t0, String id, String place, String topic, int firstSeconds,
      int closeSeconds, String closedBy, int rating) {
    recorder.ticket(event(t0, app.offramp.core.port.out.TicketEvent.Kind.OPENED, id, place, topic, null, null, null));
    recorder.ticket(event(t0.plusSeconds(firstSeconds), app.offramp.core.port.out.TicketEvent.Kind.FIRST_RESPONSE, id,
        place, topic, Duration.ofSeconds(firstSeconds), null, null));
    recorder.ticket(event(t0.plusSeconds(firstSeconds + 1), app.offramp.core.port.out.TicketEvent.Kind.CLAIMED, id, place,
        topic, Duration.ofSeconds(firstSeconds + 1), null, null));
    recorder.ticket(event(t0.plusSeconds(closeSeconds), app.offramp.core.port.out.TicketEvent.Kind.CLOSED, id, place, topic,
        Duration.ofSeconds(closeSeconds), null, closedBy));
    recorder.ticket(event(t0.plusSeconds(closeSeconds + 5), app.offramp.core.port.out.TicketEvent.Kind.RATED, id, place,
        topic, null, rating, null));
  }

  private static app.offramp.core.port.out.TicketEvent event(Instant at, app.offramp.core.port.out.TicketEvent.Kind kind,
      String id, String place, String topic, Duration since, Integer rating, String closedBy) {
    return new app.offramp.core.port.out.TicketEvent(at, kind, id, place, topic, "member-" + id, Optional.of("staff-1"),
        Optional.ofNullable(since), rating == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(rating),
        Optional.ofNullable(closedBy));
  }
}
