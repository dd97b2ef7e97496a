package app.offramp.adapter.insights;

import static org.assertj.core.api.Assertions.assertThat;

import app.offramp.adapter.store.CaffeineConversationStore;
import app.offramp.core.conversation.ConversationKey;
import app.offramp.core.conversation.Engines;
import app.offramp.core.conversation.Input;
import app.offramp.core.service.ConversationService;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same migrations, recorder and report on a real PostgreSQL, as insights.jdbc-url allows. */
class InsightsPostgresTest {
  @TempDir
  Path dir;

  @Test
  void theMigrationsRecorderAndReportWorkOnPostgresqlFromThePreviousVersionToo() throws Exception {
    try (PostgresServer pg = new PostgresServer()) {
      Flyway.configure().dataSource(pg.url(), null, null).locations("classpath:db/insights")
          .table("offramp_schema_history").target("1").load().migrate();
      try (Connection c = DriverManager.getConnection(pg.url()); Statement s = c.createStatement()) {
        s.execute("INSERT INTO turns (at_ms, place, intent, outcome, member) VALUES (1, 'dm', 'penalty', 'answered', 'x')");
      }
      MemberHash.withSaltIn(dir.resolve("insights.salt")); // the salt the previous version's rows were hashed with
      ConversationService service = new ConversationService(Engines.real(), new CaffeineConversationStore());
      try (InsightsRecorder recorder = InsightsRecorder.open(pg.url(), dir.resolve("insights.salt"), true,
          Duration.ofDays(30), Clock.systemUTC())) {
        service.addObserver(recorder);
        service.handle(new ConversationKey("1", "dm"), new Input.Text("what will the weather be like in Lisbon tomorrow"));
        ConversationKey ana = new ConversationKey("2", "dm");
        service.handle(ana, new Input.Text("how do I cancel amazon music on my phone"));
        service.handle(ana, new Input.Pick("nav:next"));
        service.handle(ana, new Input.Pick("nav:didnt"));
      }
      try (Connection db = DriverManager.getConnection(pg.url())) {
        InsightsReport.Report report = InsightsReport.build(db, Instant.EPOCH, Instant.now().plusSeconds(1),
            text -> new float[] {1f}, text -> Optional.of("help"));
        assertThat(report.turns()).isEqualTo(5);
        assertThat(report.outcomes()).containsEntry("unanswered", 1L);
        assertThat(report.unanswered()).singleElement().satisfies(g -> assertThat(g.examples())
            .containsExactly("what will the weather be like in Lisbon tomorrow"));
        assertThat(report.walkThroughs()).singleElement().satisfies(f -> assertThat(f.didntWorkAtStep())
            .containsEntry(2, 1L));
      }
    }
  }
}
