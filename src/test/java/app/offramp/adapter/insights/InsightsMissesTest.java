package app.offramp.adapter.insights;

import static org.assertj.core.api.Assertions.assertThat;

import app.offramp.core.conversation.ConversationKey;
import app.offramp.core.conversation.Input;
import app.offramp.core.conversation.Reply;
import app.offramp.core.port.out.MissLog;
import app.offramp.core.port.out.TurnEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What /offramp review reads from the insights: misses with their text, not chatter, not what was decided. */
class InsightsMissesTest {
  @TempDir
  Path dir;

  private static TurnEvent turn(String member, Input input, Reply.Kind kind, TurnEvent.Outcome outcome,
      Optional<TurnEvent.Milestone> milestone, Instant at) {
    Reply reply = new Reply("reply", Optional.empty(), List.of(), Optional.empty(), false, Optional.empty(), 0.1, kind);
    return new TurnEvent(at, new ConversationKey(member, "dm", ConversationKey.Where.DM), input, reply, outcome,
        milestone, Optional.empty(), "", milestone.isPresent() ? "penalty" : "");
  }

  @Test
  void missesAreTheUnansweredAndTheQuestionsBehindADidntHelpNeverChatterOrDecidedOnes() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("insights.db");
    Path salt = dir.resolve("insights.salt");
    Instant t = Instant.parse("2026-12-04T10:00:00Z");
    try (InsightsRecorder recorder = InsightsRecorder.open(url, salt, true, Duration.ofDays(30), Clock.systemUTC())) {
      recorder.observe(turn("ana", new Input.Text("where do the tunes go when i quit"), Reply.Kind.NO_MATCH,
          TurnEvent.Outcome.UNANSWERED, Optional.empty(), t));
      recorder.observe(turn("bo", new Input.Text("lol same"), Reply.Kind.NO_MATCH, TurnEvent.Outcome.CHATTER,
          Optional.empty(), t.plusSeconds(1)));
      recorder.observe(turn("cy", new Input.Text("do they fine you for leaving early"), Reply.Kind.ANSWER,
          TurnEvent.Outcome.ANSWERED, Optional.empty(), t.plusSeconds(2)));
      recorder.observe(turn("cy", new Input.Pick("vote:no"), Reply.Kind.NOTICE, TurnEvent.Outcome.CONTINUED,
          Optional.of(TurnEvent.Milestone.NOT_HELPFUL), t.plusSeconds(3)));
    }
    InsightsMisses misses = new InsightsMisses(url, () -> MissLog.Availability.READY, salt, Clock.systemUTC());
    assertThat(misses.unreviewed(10)).extracting(MissLog.Miss::text, MissLog.Miss::didNotHelp).containsExactly(
        org.assertj.core.groups.Tuple.tuple("do they fine you for leaving early", true),
        org.assertj.core.groups.Tuple.tuple("where do the tunes go when i quit", false));
    assertThat(misses.unreviewed(10)).extracting(MissLog.Miss::member).doesNotContain("ana", "cy");

    misses.reviewed(List.of("WHERE do the tunes go  when i quit"), "access_after", "812345678901234567");
    assertThat(misses.unreviewed(10)).extracting(MissLog.Miss::text).containsExactly("do they fine you for leaving early");
    assertThat(misses.staffHash("812345678901234567")).isNotEqualTo("812345678901234567").hasSize(32);
  }
}
