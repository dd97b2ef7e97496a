package app.offramp.core.port.out;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the turns observed before their real observer exists, then hands them over in order. The
 * bot opens its insights database only once it answers (on a 2-core machine the database's
 * start-up would otherwise compete with the first answer for a core); the turns of those first
 * seconds are held here, not lost. At most {@code capacity} are held; past that they are counted
 * and dropped, as the recorder's own full queue does, and the handover says how many in the log.
 */
public final class HeldTurns implements TurnObserver {
  private static final Logger LOG = LoggerFactory.getLogger(HeldTurns.class);
  private final int capacity;
  private final List<TurnEvent> held = new ArrayList<>();
  private volatile TurnObserver target;
  private long dropped;

  public HeldTurns(int capacity) {
    this.capacity = capacity;
  }

  @Override
  public void observe(TurnEvent event) {
    TurnObserver t = target;
    if (t == null) {
      synchronized (this) {
        t = target;
        if (t == null) {
          if (held.size() < capacity) {
            held.add(event);
          } else {
            dropped++;
          }
          return;
        }
      }
    }
    t.observe(event);
  }

  /** Hands the held turns to {@code observer}, in the order they ran, and every later turn too. */
  public synchronized void handTo(TurnObserver observer) {
    handOver(observer);
    if (dropped > 0) {
      // Final from here: later turns go straight to the observer.
      LOG.warn("insights: {} turns were not recorded: more than {} ran before the insights database opened",
          dropped, capacity);
    }
  }

  /** Drops what is held and every later turn (there is no observer after all: nothing to report). */
  public synchronized void discard() {
    handOver(event -> {});
  }

  private void handOver(TurnObserver observer) {
    if (target != null) {
      throw new IllegalStateException("the held turns were already handed over");
    }
    held.forEach(observer::observe);
    held.clear();
    target = observer;
  }

  /** Turns held now (none once handed over). */
  public synchronized int heldCount() {
    return held.size();
  }

  /** Turns dropped because more than {@code capacity} were held. */
  public synchronized long dropped() {
    return dropped;
  }
}
