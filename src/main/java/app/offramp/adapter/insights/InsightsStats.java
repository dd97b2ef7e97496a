package app.offramp.adapter.insights;

import app.offramp.front.discord.StatsSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** {@code /offramp stats}: counts for the last 7 days from the insights database. */
public final class InsightsStats implements StatsSource {
  private final String jdbcUrl;
  private final Clock clock;

  public InsightsStats(String jdbcUrl, Clock clock) {
    this.jdbcUrl = jdbcUrl;
    this.clock = clock;
  }

  @Override
  public java.util.Optional<String> lastWeek() {
    long from = clock.millis() - Duration.ofDays(7).toMillis();
    Map<String, Long> outcomes = new HashMap<>();
    Map<String, Long> milestones = new HashMap<>();
    long staff;
    try (Connection db = DriverManager.getConnection(jdbcUrl)) {
      count(db, "SELECT outcome, COUNT(*) FROM turns WHERE at_ms >= ? GROUP BY outcome", from, outcomes);
      count(db, "SELECT milestone, COUNT(*) FROM turns WHERE at_ms >= ? AND milestone IS NOT NULL GROUP BY milestone", from,
          milestones);
      Map<String, Long> s = new HashMap<>();
      count(db, "SELECT 'staff', COUNT(*) FROM turns WHERE at_ms >= ? AND staff = 1", from, s);
      staff = s.getOrDefault("staff", 0L);
    } catch (SQLException e) {
      return java.util.Optional.of("The insights database cannot be read right now ("
          + InsightsDatabase.firstLine(e.getMessage()) + ").");
    }
    long answered = outcomes.getOrDefault("answered", 0L);
    long ambiguous = outcomes.getOrDefault("ambiguous", 0L);
    long unanswered = outcomes.getOrDefault("unanswered", 0L);
    long questions = answered + ambiguous + unanswered;
    String rate = questions == 0 ? "nothing asked" : String.format(Locale.ROOT, "%.0f %% answered", 100.0 * answered / questions);
    return java.util.Optional.of(String.format(Locale.ROOT, "**Last 7 days**: %d questions, %s (%d answered, %d not understood, %d ambiguous).%n"
            + "Walk-throughs: %d started, %d finished, \"it didn't work\" %d times.%n"
            + "Did this help? %d yes, %d no. Staff called %d times.%n"
            + "-# The full report, with what went unanswered: `offramp report --since 7d`",
        questions, rate, answered, unanswered, ambiguous, milestones.getOrDefault("started", 0L),
        milestones.getOrDefault("finished", 0L), milestones.getOrDefault("didnt_work", 0L),
        milestones.getOrDefault("helpful", 0L), milestones.getOrDefault("not_helpful", 0L), staff));
  }

  private static void count(Connection db, String sql, long from, Map<String, Long> into) throws SQLException {
    try (PreparedStatement q = db.prepareStatement(sql)) {
      q.setLong(1, from);
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          into.put(r.getString(1), r.getLong(2));
        }
      }
    }
  }
}
