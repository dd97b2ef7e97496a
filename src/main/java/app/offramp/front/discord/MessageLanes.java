package app.offramp.front.discord;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where members' messages are worked on: off JDA's gateway thread, on one pool of a thread per
 * core, each member's messages one at a time and in the order they came.
 *
 * <p>Why: understanding a message runs the sentence model (1–2 ms of CPU). On JDA's one event
 * thread that capped the bot at one core: at 200 DMs a second replies queued behind each other and
 * waited a second (measured by {@code LoadBenchmark}). A member's messages must be handled in the
 * order they were sent (a question, then "next"), so a message whose member already has one under
 * way waits for it; any other message goes to the next free thread. (Lanes with a member fixed to
 * each made a message wait behind another member's while a thread was free: two queues of one
 * server each instead of one queue of two.) What waits is bounded; a message that finds it full is
 * dropped, counted and logged (left to humans) rather than queued behind minutes of work.
 */
final class MessageLanes {
  private static final Logger LOG = LoggerFactory.getLogger(MessageLanes.class);
  /** Messages that may wait, per thread. */
  static final int WAITING_PER_THREAD = 1_024;

  private final Executor threads; // a pool, or the caller's thread in unit tests
  private final int capacity;
  private final Object lock = new Object();
  /** The members with a message under way, each with theirs that came since, in order. */
  private final Map<Long, ArrayDeque<Runnable>> underWay = new HashMap<>();
  private int waiting;
  private long dropped;
  private long afterStop;
  private boolean stopped;

  private MessageLanes(Executor threads, int capacity) {
    this.threads = threads;
    this.capacity = capacity;
  }

  /** {@code count} daemon threads. */
  static MessageLanes threads(int count) {
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(count, r -> {
      Thread t = new Thread(r, "offramp-messages-" + n.getAndIncrement());
      t.setDaemon(true);
      return t;
    });
    return new MessageLanes(pool, count * WAITING_PER_THREAD);
  }

  /** One thread per available core (at least two, so one long message never holds up everyone). */
  static MessageLanes perCore() {
    return threads(Math.max(2, Runtime.getRuntime().availableProcessors()));
  }

  /** Work runs on the caller's thread: for unit tests that drive the listener directly. */
  static MessageLanes inline() {
    return new MessageLanes(Runnable::run, WAITING_PER_THREAD);
  }

  /** Runs {@code work} after the member's earlier messages; false (and counted) when full or stopped. */
  boolean submit(long member, Runnable work) {
    ArrayDeque<Runnable> later;
    synchronized (lock) {
      if (stopped) {
        afterStop++; // shutting down: not an overload, and counted apart
        return false;
      }
      if (waiting >= capacity) {
        dropped++;
        if (Long.bitCount(dropped) == 1) { // the 1st, 2nd, 4th, 8th… drop: heard, never a flood of lines
          LOG.warn("{} messages are waiting: message left to humans ({} so far)", capacity, dropped);
        }
        return false;
      }
      waiting++;
      later = underWay.get(member);
      if (later != null) {
        later.add(work); // runs when the member's message under way is done
        return true;
      }
      later = new ArrayDeque<>();
      underWay.put(member, later);
    }
    try {
      dispatch(member, later, work);
    } catch (RejectedExecutionException stopping) {
      run(member, later, work); // the pool shut down after stop()'s grace: the stopping handler only counts it
    }
    return true;
  }

  private void dispatch(long member, ArrayDeque<Runnable> later, Runnable work) {
    threads.execute(() -> run(member, later, work));
  }

  /**
   * Runs one message, then hands the member's next (if any) back to the pool, behind the other
   * members' messages; once the pool is shut down (stopping), finishes them on this thread.
   */
  private void run(long member, ArrayDeque<Runnable> later, Runnable work) {
    Runnable current = work;
    while (current != null) {
      synchronized (lock) {
        waiting--;
      }
      try {
        current.run();
      } catch (RuntimeException e) {
        LOG.error("message work failed", e); // one message lost, never the member's next ones
      }
      Runnable next;
      synchronized (lock) {
        next = later.poll();
        if (next == null) {
          underWay.remove(member);
          lock.notifyAll(); // stop() waits for nothing under way
          return;
        }
      }
      try {
        dispatch(member, later, next);
        return;
      } catch (RejectedExecutionException stopping) {
        current = next;
      }
    }
  }

  /** Messages dropped because too many were waiting. */
  long dropped() {
    synchronized (lock) {
      return dropped;
    }
  }

  /** Messages that arrived after {@link #stop} began. */
  long arrivedAfterStop() {
    synchronized (lock) {
      return afterStop;
    }
  }

  /**
   * Stops taking messages and waits up to {@code grace} for those taken to be done. Messages still
   * waiting then are seen by a handler that is stopping, so they are only counted.
   */
  boolean stop(Duration grace) throws InterruptedException {
    long deadline = System.nanoTime() + grace.toNanos();
    boolean done;
    synchronized (lock) {
      stopped = true;
      long left;
      while (!underWay.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      done = underWay.isEmpty();
    }
    if (threads instanceof ExecutorService pool) {
      pool.shutdown(); // work still under way finishes; its members' later messages are handed on
      done &= pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
    return done;
  }
}
