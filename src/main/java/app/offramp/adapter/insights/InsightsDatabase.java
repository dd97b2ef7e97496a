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
    java.util.Optional<java.nio.file.Path> file = sqliteFile(jdbcUrl);
    try {
      if (file.isPresent()) {
        // Flyway takes no lock on SQLite: two bots opening one new file both ran V1 and one failed,
        // recording nothing for its life (regression, issue 23). A lock file beside it serializes them.
        migrateUnderLock(jdbcUrl, file.get());
      } else {
        migrate(jdbcUrl);
      }
    } catch (FlywayException e) {
      throw new SQLException("cannot create or migrate the insights schema: " + firstLine(e.getMessage()), e);
    } catch (java.io.IOException e) {
      throw new SQLException("cannot lock " + file.get() + ".lock to create the insights schema: " + firstLine(
          e.getMessage()), e);
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
    file.ifPresent(InsightsDatabase::ownerOnly);
    return connection;
  }

  /** How many turns the database holds. */
  static long turns(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement(); java.sql.ResultSet r = s.executeQuery("SELECT COUNT(*) FROM turns")) {
      return r.next() ? r.getLong(1) : 0;
    }
  }

  private static void migrate(String jdbcUrl) {
    Flyway.configure().dataSource(jdbcUrl, null, null).locations("classpath:db/insights")
        .table("offramp_schema_history").load().migrate();
  }

  /** One migration at a time in this process (a file lock is the process's, not a thread's). */
  private static synchronized void migrateUnderLock(String jdbcUrl, java.nio.file.Path file) throws java.io.IOException {
    java.nio.file.Path lock = file.resolveSibling(file.getFileName() + ".lock");
    try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(lock,
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
        java.nio.channels.FileLock held = channel.lock()) {
      migrate(jdbcUrl);
    }
  }

  /** The file of a {@code jdbc:sqlite:} URL (not an in-memory one), or empty. */
  static java.util.Optional<java.nio.file.Path> sqliteFile(String jdbcUrl) {
    if (!jdbcUrl.startsWith("jdbc:sqlite:")) {
      return java.util.Optional.empty();
    }
    String name = jdbcUrl.substring("jdbc:sqlite:".length()).replaceFirst("\\?.*$", "");
    if (name.isBlank() || name.startsWith(":memory:") || name.startsWith("file::memory:")) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(java.nio.file.Path.of(name.startsWith("file:") ? name.substring(5) : name).toAbsolutePath());
  }

  /**
   * The database and its write-ahead files hold members' questions: readable by their owner only,
   * as the salt is (regression, issue 23: they were created with the process's umask).
   */
  static void ownerOnly(java.nio.file.Path file) {
    for (String suffix : new String[] {"", "-wal", "-shm", ".lock"}) {
      java.nio.file.Path p = file.resolveSibling(file.getFileName() + suffix);
      try {
        if (java.nio.file.Files.exists(p)) {
          java.nio.file.Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
      } catch (UnsupportedOperationException | java.io.IOException e) {
        // not a POSIX file system, or not ours to change: its own permissions apply
      }
    }
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
