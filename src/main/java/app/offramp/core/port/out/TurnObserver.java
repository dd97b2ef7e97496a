package app.offramp.core.port.out;

/**
 * Told of every turn after it ran (an outbound port: metrics and insights implement it). Called
 * on the thread that ran the turn, so it must be quick and must not block; what it throws is
 * caught and logged, never passed to the member's reply.
 */
@FunctionalInterface
public interface TurnObserver {
  void observe(TurnEvent event);
}
