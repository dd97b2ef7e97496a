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
  /** The sentences, by messages-file key with name, value pairs (the bot's {@code text}). */
  @FunctionalInterface
  public interface Words {
    String say(String key, Object... args);
  }

  private final String jdbcUrl;
  private final Clock clock;
  private final Words words;

  public InsightsStats(String jdbcUrl, Clock clock, Words words) {
    this.jdbcUrl = jdbcUrl;
    this.clock = clock;
    this.words = words;
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
      return java.util.Optional.of(words.say("admin.stats_unreadable", "reason",
          InsightsDatabase.firstLine(e.getMessage())));
    }
    long answered = outcomes.getOrDefault("answered", 0L);
    long ambiguous = outcomes.getOrDefault("ambiguous", 0L);
    long unanswered = outcomes.getOrDefault("unanswered", 0L);
    long questions = answered + ambiguous + unanswered;
    String rate = questions == 0 ? words.say("admin.stats_nothing_asked")
        : words.say("admin.stats_rate", "percent", Math.round(100.0 * answered / questions));
    return java.util.Optional.of(words.say("admin.stats", "questions", questions, "rate", rate, "answered", answered,
        "unanswered", unanswered, "ambiguous", ambiguous, "started", milestones.getOrDefault("started", 0L),
        "finished", milestones.getOrDefault("finished", 0L), "didnt", milestones.getOrDefault("didnt_work", 0L),
        "helpful", milestones.getOrDefault("helpful", 0L), "not_helpful", milestones.getOrDefault("not_helpful", 0L),
        "staff", staff));
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
