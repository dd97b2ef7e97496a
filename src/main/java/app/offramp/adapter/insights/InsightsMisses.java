package app.offramp.adapter.insights;

import app.offramp.core.intent.LearnedExamples;
import app.offramp.core.port.out.MissLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@link MissLog} port on the insights database: the questions kept with their text because
 * the bot did not understand them or the member said the answer did not help, less those a review
 * has decided ({@code reviewed}, by a hash of the text). A connection per call, as {@code /offramp
 * stats} does: reviews are rare, and the recorder's own connection stays its writer's.
 */
public final class InsightsMisses implements MissLog {
  private final String jdbcUrl;
  private final Supplier<Availability> availability;
  private final Path saltFile;
  private final Clock clock;

  /**
   * @param availability whether the recorder has opened (and migrated) the database, keeps text, or is off
   * @param saltFile the members' salt, which the recorder created when it opened
   */
  public InsightsMisses(String jdbcUrl, Supplier<Availability> availability, Path saltFile, Clock clock) {
    this.jdbcUrl = jdbcUrl;
    this.availability = availability;
    this.saltFile = saltFile;
    this.clock = clock;
  }

  @Override
  public Availability availability() {
    return availability.get();
  }

  @Override
  public List<Miss> unreviewed(int limit) {
    try (Connection db = DriverManager.getConnection(jdbcUrl)) {
      Set<String> decided = new HashSet<>();
      try (PreparedStatement q = db.prepareStatement("SELECT text_key FROM reviewed"); ResultSet r = q.executeQuery()) {
        while (r.next()) {
          decided.add(r.getString(1));
        }
      }
      List<Miss> out = new ArrayList<>();
      try (PreparedStatement q = db.prepareStatement("SELECT text, member, milestone FROM turns WHERE text IS NOT NULL "
          + "AND (outcome = 'unanswered' OR milestone = 'not_helpful') ORDER BY at_ms DESC")) {
        q.setMaxRows(limit * 4);
        try (ResultSet r = q.executeQuery()) {
          while (r.next() && out.size() < limit) {
            String text = r.getString(1);
            if (!text.isBlank() && !decided.contains(key(text))) {
              out.add(new Miss(text, r.getString(2), "not_helpful".equals(r.getString(3))));
            }
          }
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(InsightsDatabase.firstLine(e.getMessage()), e);
    }
  }

  @Override
  public void reviewed(Collection<String> texts, String decision, String staffId) {
    try (Connection db = DriverManager.getConnection(jdbcUrl);
        PreparedStatement insert = db.prepareStatement("INSERT INTO reviewed (text_key, decision, staff, at_ms) "
            + "VALUES (?, ?, ?, ?)")) {
      String staff = staffHash(staffId);
      for (String text : texts) {
        insert.setString(1, key(text));
        insert.setString(2, decision);
        insert.setString(3, staff);
        insert.setLong(4, clock.millis());
        insert.addBatch();
      }
      insert.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException(InsightsDatabase.firstLine(e.getMessage()), e);
    }
  }

  @Override
  public String staffHash(String staffId) {
    try {
      return MemberHash.withSaltIn(saltFile).of(staffId);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the insights salt cannot be read (" + e.getMessage() + ")", e);
    }
  }

  /** A question as {@code reviewed} keeps it: SHA-256 of its text as examples are compared, never the text. */
  static String key(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(LearnedExamples.key(text)
          .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
