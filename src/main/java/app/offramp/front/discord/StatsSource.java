package app.offramp.front.discord;

/**
 * What {@code /offramp stats} shows: the last 7 days in a few lines of counts (never members'
 * text, which stays in the report an admin runs). The insights adapter implements it.
 */
@FunctionalInterface
public interface StatsSource {
  /** Insights are off: nothing to show, and {@link #unavailable()} says why. */
  StatsSource NONE = java.util.Optional::empty;

  /**
   * A few lines of plain text, or empty when there is nothing to read; may take a moment (it reads
   * a database), so it is called off JDA's thread.
   */
  java.util.Optional<String> lastWeek();

  /** The messages-file key of what to say when {@link #lastWeek()} is empty. */
  default String unavailable() {
    return "admin.stats_off";
  }
}
