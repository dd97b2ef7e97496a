package app.offramp.front.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MessageLanesTest {
  @Test
  void eachMembersMessagesAreHandledInTheOrderTheyCame() throws Exception {
    MessageLanes lanes = MessageLanes.threads(4);
    Map<Long, List<Integer>> seen = new ConcurrentHashMap<>();
    for (int i = 0; i < 2_000; i++) {
      long member = 800_000_000_000_000_000L + i % 37;
      int n = i;
      assertThat(lanes.submit(member, () -> seen.computeIfAbsent(member, k -> Collections.synchronizedList(new ArrayList<>())).add(n)))
          .isTrue();
    }
    assertThat(lanes.stop(Duration.ofSeconds(30))).as("lanes drained").isTrue();
    assertThat(seen).hasSize(37);
    seen.values().forEach(list -> assertThat(list).isSorted());
    assertThat(seen.values().stream().mapToInt(List::size).sum()).isEqualTo(2_000);
  }

  @Test
  void aMessageTakesTheNextFreeThreadNotOneBehindAnotherMembersSlowMessage() throws Exception {
    MessageLanes lanes = MessageLanes.threads(2);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch others = new CountDownLatch(200);
    holdAThread(lanes, 1, release);
    // With a member fixed to each of two lanes, about half of these would wait behind member 1.
    for (long m = 2; m < 202; m++) {
      lanes.submit(m, others::countDown);
    }
    assertThat(others.await(30, TimeUnit.SECONDS)).as("every other member answered on the free thread").isTrue();
    release.countDown();
    assertThat(lanes.stop(Duration.ofSeconds(30))).isTrue();
  }

  @Test
  void aMembersLaterMessageWaitsForTheirEarlierOneEvenWithAThreadFree() throws Exception {
    MessageLanes lanes = MessageLanes.threads(2);
    CountDownLatch release = new CountDownLatch(1);
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    lanes.submit(1, () -> {
      await(release);
      order.add("question");
    });
    lanes.submit(1, () -> order.add("next"));
    CountDownLatch other = new CountDownLatch(1);
    lanes.submit(2, other::countDown);
    assertThat(other.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(order).as("'next' has not run before the question it follows").isEmpty();
    release.countDown();
    assertThat(lanes.stop(Duration.ofSeconds(30))).isTrue();
    assertThat(order).containsExactly("question", "next");
  }

  @Test
  void tooManyWaitingDropsAndCountsInsteadOfQueueingForever() throws Exception {
    MessageLanes lanes = MessageLanes.threads(1);
    CountDownLatch release = new CountDownLatch(1);
    holdAThread(lanes, 1, release);
    int accepted = 0;
    for (int i = 0; i < MessageLanes.WAITING_PER_THREAD + 10; i++) {
      accepted += lanes.submit(1 + i % 3, () -> { }) ? 1 : 0;
    }
    assertThat(accepted).isEqualTo(MessageLanes.WAITING_PER_THREAD);
    assertThat(lanes.dropped()).isEqualTo(10);
    release.countDown();
    assertThat(lanes.stop(Duration.ofSeconds(30))).isTrue();
    assertThat(lanes.submit(1, () -> { })).as("a stopped lane takes nothing").isFalse();
    assertThat(lanes.dropped()).as("not an overload").isEqualTo(10);
    assertThat(lanes.arrivedAfterStop()).isEqualTo(1);
  }

  /** Holds the calling thread until {@code release} (30 s at most), as a long message would. */
  /** A message from {@code member} that holds a thread until {@code release}; returns once it does. */
  private static void holdAThread(MessageLanes lanes, long member, CountDownLatch release) throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    lanes.submit(member, () -> {
      started.countDown();
      await(release);
    });
    assertThat(started.await(30, TimeUnit.SECONDS)).as("the message holding a thread started").isTrue();
  }

  private static void await(CountDownLatch release) {
    try {
      release.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
