package app.offramp.front.discord;

/**
 * What {@code /offramp stats} shows: the last 7 days in a few lines of counts (never members'
 * text, which stays in the report an admin runs). The insights adapter implements it.
 */
@FunctionalInterface
public interface StatsSource {
  StatsSource NONE = () -> "Insights are off (insights.enabled=false), so there are no statistics to show.";

  /** A few lines of plain text; may take a moment (it reads a database), so it is called off JDA's thread. */
  String lastWeek();
}
