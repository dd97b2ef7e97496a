package app.offramp.adapter.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Regression (issue 23): a stop during the model's load killed the JVM in libonnxruntime. */
class NativeCallsTest {
  @Test
  void aStopWaitsForTheCallUnderWayAndRefusesNewOnes() throws Exception {
    NativeCalls calls = new NativeCalls();
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> loading = CompletableFuture.supplyAsync(() -> calls.call(() -> {
      inside.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "loaded";
    }));
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Boolean> stop = CompletableFuture.supplyAsync(() -> calls.closeAndWait(Duration.ofSeconds(10)));
    // The stop is waiting for the load, not done.
    assertThat(stop.isDone()).isFalse();
    assertThat(calls.active()).isEqualTo(1);
    release.countDown();
    assertThat(stop.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(loading.get(10, TimeUnit.SECONDS)).isEqualTo("loaded");
    assertThatThrownBy(() -> calls.call(() -> "again")).isInstanceOf(NativeCalls.Stopping.class);
  }

  @Test
  void aStopGivesUpAfterItsTimeout() {
    NativeCalls calls = new NativeCalls();
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    Thread stuck = new Thread(() -> calls.call(() -> {
      inside.countDown();
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    }));
    stuck.setDaemon(true);
    stuck.start();
    try {
      assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(calls.closeAndWait(Duration.ofMillis(50))).isFalse();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    } finally {
      never.countDown();
    }
  }
}
