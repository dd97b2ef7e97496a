package app.offramp.front.discord;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where members' messages are worked on: off JDA's gateway thread, one lane per core, each member
 * always in the same lane.
 *
 * <p>Why: understanding a message runs the sentence model (1–2 ms of CPU). On JDA's one event
 * thread that capped the bot at one core: at 200 DMs a second replies queued behind each other and
 * waited a second (measured by {@code LoadBenchmark}). Why lanes and not a pool: a member's
 * messages must be handled in the order they were sent (a question, then "next"), and a member
 * always maps to one single-threaded lane. Each lane's queue is bounded; a message that finds it
 * full is dropped, counted and logged (left to humans) rather than queued behind minutes of work.
 */
final class MessageLanes {
  private static final Logger LOG = LoggerFactory.getLogger(MessageLanes.class);
  static final int QUEUE_PER_LANE = 1_024;

  private final Executor[] lanes;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong afterStop = new AtomicLong();
  private volatile boolean stopped;

  private MessageLanes(Executor[] lanes) {
    this.lanes = lanes;
  }

  /** {@code count} lanes of one daemon thread each. */
  static MessageLanes threads(int count) {
    Executor[] lanes = new Executor[count];
    for (int i = 0; i < count; i++) {
      String name = "offramp-messages-" + i;
      lanes[i] = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(QUEUE_PER_LANE), r -> {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
      });
    }
    return new MessageLanes(lanes);
  }

  /** One lane per available core (at least two, so one long message never holds up everyone). */
  static MessageLanes perCore() {
    return threads(Math.max(2, Runtime.getRuntime().availableProcessors()));
  }

  /** Work runs on the caller's thread: for unit tests that drive the listener directly. */
  static MessageLanes inline() {
    return new MessageLanes(new Executor[] {Runnable::run});
  }

  /** Runs {@code work} in the member's lane; false (and counted) when that lane is full or stopped. */
  boolean submit(long member, Runnable work) {
    // Snowflakes' low bits are a per-process counter: mix them so members spread over the lanes.
    int lane = (int) Long.remainderUnsigned((member * 0x9E3779B97F4A7C15L) >>> 1, lanes.length);
    try {
      lanes[lane].execute(work);
      return true;
    } catch (RejectedExecutionException full) {
      if (stopped) {
        afterStop.incrementAndGet(); // shutting down: not an overload, and counted apart
        return false;
      }
      long n = dropped.incrementAndGet();
      if (Long.bitCount(n) == 1) { // the 1st, 2nd, 4th, 8th… drop: heard, never a flood of lines
        LOG.warn("message lane {} is full ({} waiting): message left to humans ({} so far)", lane, QUEUE_PER_LANE, n);
      }
      return false;
    }
  }

  /** Messages dropped because their lane was full. */
  long dropped() {
    return dropped.get();
  }

  /** Messages that arrived after {@link #stop} began. */
  long arrivedAfterStop() {
    return afterStop.get();
  }

  /**
   * Stops taking messages and waits up to {@code grace} for the lanes to finish what they hold.
   * Messages still queued then are seen by a handler that is stopping, so they are only counted.
   */
  boolean stop(Duration grace) throws InterruptedException {
    long deadline = System.nanoTime() + grace.toNanos();
    stopped = true;
    for (Executor lane : lanes) {
      if (lane instanceof ThreadPoolExecutor pool) {
        pool.shutdown();
      }
    }
    boolean done = true;
    for (Executor lane : lanes) {
      if (lane instanceof ThreadPoolExecutor pool) {
        done &= pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    }
    return done;
  }
}
