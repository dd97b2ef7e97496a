package app.offramp.core.port.out;

/** Told of every ticket event (insights, metrics). Called off the gateway's thread; must not block long. */
@FunctionalInterface
public interface TicketObserver {
  TicketObserver NONE = event -> { };

  void ticket(TicketEvent event);
}
