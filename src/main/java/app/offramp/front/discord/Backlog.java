package app.offramp.front.discord;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Replies under way: a thread being opened and its first message, per channel. Two jobs:
 * <ul>
 *   <li>Bound the work queued per channel ({@code discord.channel.max-pending}). JDA opens threads in
 *       one channel one at a time, so above about one question per round trip a queue would grow
 *       without end and every later member would wait; past the bound a question is not taken (it is
 *       left to humans, and counted), so a burst never delays the next member by minutes.
 *   <li>Let shutdown finish what was started: once {@link #stop()} is called no new work is taken,
 *       and {@link #awaitIdle} waits until every reply under way has gone out, so no thread is ever
 *       left without its first message.
 * </ul>
 */
final class Backlog {
  private final int maxPerChannel;
  private final Map<Long, AtomicInteger> pending = new ConcurrentHashMap<>();
  private final AtomicInteger total = new AtomicInteger();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong whileStopping = new AtomicLong();
  private volatile boolean stopping;

  Backlog(int maxPerChannel) {
    this.maxPerChannel = maxPerChannel;
  }

  /** Takes one unit of work for the channel, or false when stopping or the channel is full. */
  boolean tryStart(long channelId) {
    if (stopping) {
      whileStopping.incrementAndGet();
      return false;
    }
    AtomicInteger count = pending.computeIfAbsent(channelId, k -> new AtomicInteger());
    if (count.incrementAndGet() > maxPerChannel) {
      count.decrementAndGet();
      refused.incrementAndGet();
      return false;
    }
    total.incrementAndGet();
    return true;
  }

  /** The unit of work is done (sent or failed). */
  void finish(long channelId) {
    AtomicInteger count = pending.get(channelId);
    if (count != null) {
      count.decrementAndGet();
    }
    synchronized (this) {
      total.decrementAndGet();
      notifyAll();
    }
  }

  boolean stopping() {
    return stopping;
  }

  void stop() {
    stopping = true;
  }

  /** Waits until nothing is under way or {@code grace} has passed; returns how much is still under way. */
  synchronized int awaitIdle(Duration grace) throws InterruptedException {
    long deadline = System.nanoTime() + grace.toNanos();
    while (total.get() > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return total.get();
  }

  /** Questions not taken because their channel's backlog was full. */
  long refused() {
    return refused.get();
  }

  /** A message arrived (or was still waiting for its turn) after {@link #stop()}: not taken. */
  void arrivedWhileStopping() {
    whileStopping.incrementAndGet();
  }

  /** Messages not taken because the bot was stopping. */
  long refusedWhileStopping() {
    return whileStopping.get();
  }
}
