package app.offramp.adapter.insights;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/** Opens the insights database, creating or migrating its schema with Flyway first. */
final class InsightsDatabase {
  private InsightsDatabase() {}

  static Connection openMigrated(String jdbcUrl) throws SQLException {
    try {
      Flyway.configure().dataSource(jdbcUrl, null, null).locations("classpath:db/insights")
          .table("offramp_schema_history").load().migrate();
    } catch (FlywayException e) {
      throw new SQLException("cannot create or migrate the insights schema: " + firstLine(e.getMessage()), e);
    }
    Connection connection = DriverManager.getConnection(jdbcUrl);
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      try (Statement s = connection.createStatement()) {
        // The report (another process) may read while the bot writes.
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA busy_timeout=5000");
        // WAL with NORMAL sync never corrupts the file; a power cut may lose the last batch of
        // insights, which is cheaper than an fsync per batch at hundreds of turns a second.
        s.execute("PRAGMA synchronous=NORMAL");
      }
    }
    return connection;
  }

  static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    // Drivers quote the URL they were given, password and all: masked before anyone reads it.
    return app.offramp.config.Secrets.mask((nl < 0 ? message : message.substring(0, nl)).strip());
  }
}
