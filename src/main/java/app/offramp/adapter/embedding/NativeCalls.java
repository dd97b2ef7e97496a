package app.offramp.adapter.embedding;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Calls into the model's native runtime, counted, so the JVM never exits in the middle of one.
 * A stop during start-up used to kill the JVM in libonnxruntime (SIGSEGV, exit 134, an hs_err file:
 * regression, issue 23): the runtime was still loading the model on one thread while the JVM tore
 * itself down on another. Once {@link #closeAndWait} runs (from a shutdown hook) no new call starts,
 * and it waits, within its timeout, for the ones under way to return.
 */
final class NativeCalls {
  /** Thrown instead of entering the runtime once the JVM is stopping. */
  static final class Stopping extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    Stopping() {
      super("the process is stopping: the sentence model is not used any more");
    }
  }

  private int active;
  private boolean closing;

  <T> T call(Supplier<T> work) {
    synchronized (this) {
      if (closing) {
        throw new Stopping();
      }
      active++;
    }
    try {
      return work.get();
    } finally {
      synchronized (this) {
        active--;
        notifyAll();
      }
    }
  }

  /** Refuses new calls and waits for those under way, at most {@code timeout}; whether none is left. */
  synchronized boolean closeAndWait(Duration timeout) {
    closing = true;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (active > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  synchronized int active() {
    return active;
  }
}
