package app.offramp.front.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BacklogTest {
  /** Regression: at 50 questions/s into one channel the queue grew without bound. */
  @Test
  void aFullChannelRefusesMoreWorkAndOtherChannelsAreNotHeldBack() {
    Backlog backlog = new Backlog(2);
    assertThat(backlog.tryStart(1)).isTrue();
    assertThat(backlog.tryStart(1)).isTrue();
    assertThat(backlog.tryStart(1)).isFalse();
    assertThat(backlog.tryStart(2)).isTrue();
    backlog.finish(1);
    assertThat(backlog.tryStart(1)).isTrue();
    assertThat(backlog.refused()).isEqualTo(1);
  }

  /** Regression: SIGTERM under a burst left threads with no answer ("Requester has been stopped"). */
  @Test
  void stoppingTakesNoNewWorkAndWaitsForWhatIsUnderWay() throws Exception {
    Backlog backlog = new Backlog(50);
    assertThat(backlog.tryStart(1)).isTrue();
    backlog.stop();
    assertThat(backlog.tryStart(1)).as("no new questions once stopping").isFalse();
    CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> {
      try {
        return backlog.awaitIdle(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    backlog.finish(1);
    assertThat(waiting.get(30, TimeUnit.SECONDS)).as("nothing left unsent").isZero();
  }

  @Test
  void whatIsStillUnderWayAfterTheGraceIsCounted() throws Exception {
    Backlog backlog = new Backlog(50);
    backlog.tryStart(1);
    backlog.tryStart(1);
    backlog.stop();
    assertThat(backlog.awaitIdle(Duration.ZERO)).isEqualTo(2);
  }
}
