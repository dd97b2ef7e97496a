package app.offramp.core.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.offramp.LogCapture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HeldTurnsTest {

  private static TurnEvent turn(long n) {
    return new TurnEvent(Instant.ofEpochMilli(n), null, null, null, TurnEvent.Outcome.OTHER, Optional.empty(),
        Optional.empty(), "", "");
  }

  private static List<Long> times(List<TurnEvent> events) {
    return events.stream().map(e -> e.at().toEpochMilli()).toList();
  }

  @Test
  void turnsObservedBeforeTheObserverExistsReachItInOrderThenLaterTurnsFollow() {
    HeldTurns held = new HeldTurns(10);
    held.observe(turn(1));
    held.observe(turn(2));
    assertThat(held.heldCount()).isEqualTo(2);
    List<TurnEvent> seen = new ArrayList<>();
    held.handTo(seen::add);
    held.observe(turn(3));
    assertThat(held.heldCount()).isZero();

    assertThat(times(seen)).containsExactly(1L, 2L, 3L);
    assertThat(held.dropped()).isZero();
  }

  @Test
  void pastItsCapacityTurnsAreCountedAndDroppedNotHeld() {
    HeldTurns held = new HeldTurns(2);
    for (int i = 1; i <= 5; i++) {
      held.observe(turn(i));
    }
    List<TurnEvent> seen = new ArrayList<>();
    held.handTo(seen::add);

    assertThat(times(seen)).containsExactly(1L, 2L);
    assertThat(held.dropped()).isEqualTo(3);
  }

  @Test
  void theHandoverLogsHowManyTurnsWereDroppedAndNothingWhenNoneWere() {
    try (LogCapture log = new LogCapture(HeldTurns.class)) {
      HeldTurns full = new HeldTurns(2);
      for (int i = 1; i <= 5; i++) {
        full.observe(turn(i));
      }
      full.handTo(e -> {});
      HeldTurns roomy = new HeldTurns(10);
      roomy.observe(turn(1));
      roomy.handTo(e -> {});

      assertThat(log.lines()).containsExactly(
          "WARN insights: 3 turns were not recorded: more than 2 ran before the insights database opened");
    }
  }

  @Test
  void discardedTurnsGoNowhereAndTheyCannotBeHandedOverTwice() {
    try (LogCapture log = new LogCapture(HeldTurns.class)) {
      HeldTurns held = new HeldTurns(1);
      held.observe(turn(1));
      held.observe(turn(2));
      held.discard();
      held.observe(turn(3));
      assertThat(held.heldCount()).isZero();

      assertThatThrownBy(() -> held.handTo(e -> {})).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(held::discard).isInstanceOf(IllegalStateException.class);
      // No insights at all (turned off): nothing was meant to be recorded, so no drop is reported.
      assertThat(log.lines()).isEmpty();
    }
  }

  @Test
  void turnsObservedWhileTheyAreHandedOverEachArriveExactlyOnceAndInEachThreadsOrder() throws Exception {
    HeldTurns held = new HeldTurns(1_000_000);
    List<TurnEvent> seen = Collections.synchronizedList(new ArrayList<>());
    int threads = 4;
    int each = 20_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch started = new CountDownLatch(threads);
    for (int t = 0; t < threads; t++) {
      long base = t * 1_000_000L;
      pool.execute(() -> {
        started.countDown();
        for (int i = 0; i < each; i++) {
          held.observe(turn(base + i));
        }
      });
    }
    started.await();
    held.handTo(seen::add);
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    assertThat(seen).hasSize(threads * each);
    assertThat(times(seen)).doesNotHaveDuplicates();
    for (int t = 0; t < threads; t++) {
      long base = t * 1_000_000L;
      assertThat(times(seen).stream().filter(n -> n / 1_000_000L == base / 1_000_000L).toList()).isSorted();
    }
  }
}
