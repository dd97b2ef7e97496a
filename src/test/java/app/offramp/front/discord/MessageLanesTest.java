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
  void membersSpreadOverTheLanesSoOneSlowMessageDoesNotHoldEveryoneUp() throws Exception {
    MessageLanes lanes = MessageLanes.threads(2);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch others = new CountDownLatch(10);
    long slow = 800_000_000_000_000_000L;
    lanes.submit(slow, () -> {
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    // Consecutive snowflakes (Discord's low bits count up) must not all land in the slow lane.
    for (long m = slow + 1; m <= slow + 40; m++) {
      lanes.submit(m, others::countDown);
    }
    assertThat(others.await(30, TimeUnit.SECONDS)).as("other members answered while one lane is busy").isTrue();
    release.countDown();
    assertThat(lanes.stop(Duration.ofSeconds(30))).isTrue();
  }

  @Test
  void aFullLaneDropsAndCountsInsteadOfQueueingForever() throws Exception {
    MessageLanes lanes = MessageLanes.threads(1);
    CountDownLatch release = new CountDownLatch(1);
    lanes.submit(1, () -> {
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    int accepted = 0;
    for (int i = 0; i < MessageLanes.QUEUE_PER_LANE + 10; i++) {
      accepted += lanes.submit(1, () -> { }) ? 1 : 0;
    }
    assertThat(accepted).isEqualTo(MessageLanes.QUEUE_PER_LANE);
    assertThat(lanes.dropped()).isEqualTo(10);
    release.countDown();
    assertThat(lanes.stop(Duration.ofSeconds(30))).isTrue();
    assertThat(lanes.submit(1, () -> { })).as("a stopped lane takes nothing").isFalse();
    assertThat(lanes.dropped()).as("not an overload").isEqualTo(10);
    assertThat(lanes.arrivedAfterStop()).isEqualTo(1);
  }
}
