package app.offramp.adapter.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import app.offramp.adapter.store.CaffeineConversationStore;
import app.offramp.core.conversation.ConversationKey;
import app.offramp.core.conversation.Engines;
import app.offramp.core.conversation.Input;
import app.offramp.core.conversation.Reply;
import app.offramp.core.port.out.TurnEvent;
import app.offramp.core.service.ConversationService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InsightsRecorderTest {
  @TempDir
  Path dir;

  private String url() {
    return "jdbc:sqlite:" + dir.resolve("insights.db");
  }

  private static TurnEvent unanswered(String member, String text, Instant at) {
    Reply reply = new Reply("Sorry", Optional.empty(), List.of(), Optional.empty(), false, Optional.empty(), 0.1,
        Reply.Kind.NO_MATCH);
    return new TurnEvent(at, new ConversationKey(member, "dm"), new Input.Text(text), reply, TurnEvent.Outcome.UNANSWERED,
        Optional.empty(), Optional.empty(), "", "");
  }

  private static long count(String url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  @Test
  void anEmptyDatabaseIsCreatedAtTheLatestSchema() throws Exception {
    try (InsightsRecorder recorder = InsightsRecorder.open(url(), dir.resolve("insights.salt"), true, Duration.ofDays(30),
        Clock.systemUTC())) {
      assertThat(recorder.dropped()).isZero();
    }
    assertThat(count(url(), "SELECT COUNT(*) FROM offramp_schema_history WHERE success = 1 AND version IN ('1', '2')"))
        .isEqualTo(2);
    assertThat(count(url(), "SELECT COUNT(*) FROM turns WHERE slot IS NULL AND staff = 0")).isZero();
  }

  @Test
  void aDatabaseOfThePreviousVersionIsMigratedAndKeepsItsRows() throws Exception {
    Flyway.configure().dataSource(url(), null, null).locations("classpath:db/insights").table("offramp_schema_history")
        .target("1").load().migrate();
    try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
      s.execute("INSERT INTO turns (at_ms, place, intent, outcome, member) VALUES (1, 'discord', 'penalty', 'answered', 'x')");
    }
    MemberHash.withSaltIn(dir.resolve("insights.salt")); // the salt that database's rows were hashed with
    InsightsRecorder.open(url(), dir.resolve("insights.salt"), true, Duration.ofDays(30), Clock.systemUTC()).close();
    assertThat(count(url(), "SELECT COUNT(*) FROM turns WHERE intent = 'penalty' AND slot IS NULL AND staff = 0"))
        .isEqualTo(1);
  }

  @Test
  void membersAreStoredOnlyAsSaltedHashesNeverTheirIds() throws Exception {
    String id = "812345678901234567";
    try (InsightsRecorder recorder = InsightsRecorder.open(url(), dir.resolve("insights.salt"), true, Duration.ofDays(30),
        Clock.systemUTC())) {
      recorder.observe(unanswered(id, "how do i get a refund for last month", Instant.now()));
    }
    try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT member FROM turns")) {
      assertThat(r.next()).isTrue();
      assertThat(r.getString(1)).matches("[0-9a-f]{32}").isNotEqualTo(id);
    }
    for (Path file : List.of(dir.resolve("insights.db"), dir.resolve("insights.db-wal"))) {
      if (Files.exists(file)) {
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).doesNotContain(id);
      }
    }
    assertThat(Files.readString(dir.resolve("insights.salt")).strip()).matches("[0-9a-f]{64}");
    MemberHash again = MemberHash.withSaltIn(dir.resolve("insights.salt"));
    assertThat(again.of(id)).as("the same salt hashes a member the same way").isEqualTo(again.of(id));
  }

  /** Regression (issue 23): the hourly purge never ran in a live bot ("never" was Long.MIN_VALUE and overflowed). */
  @Test
  void retentionIsEnforcedByTheRunningWriterAtOnceThenHourly() throws Exception {
    app.offramp.MutableClock clock = new app.offramp.MutableClock(Instant.parse("2026-11-01T10:00:00Z"));
    try (Connection db = InsightsDatabase.openMigrated(url())) {
      InsightsRecorder recorder = new InsightsRecorder(db, MemberHash.withSaltIn(dir.resolve("insights.salt")), true,
          Duration.ofDays(1), clock, 100, false);
      recorder.write(List.of(recorder.row(unanswered("1", "forty days old", clock.instant().minus(Duration.ofDays(40))))));
      assertThat(recorder.purgeIfDue()).as("the first check deletes").isEqualTo(1);
      recorder.write(List.of(recorder.row(unanswered("2", "two days old", clock.instant().minus(Duration.ofDays(2))))));
      assertThat(recorder.purgeIfDue()).as("not again within the hour").isZero();
      clock.advance(Duration.ofMinutes(61));
      assertThat(recorder.purgeIfDue()).isEqualTo(1);
    }
    assertThat(count(url(), "SELECT COUNT(*) FROM turns WHERE text IS NOT NULL")).isZero();
  }

  /** The same through the writer thread: a turn recorded, and the old text gone, without calling the purge. */
  @Test
  void theWriterThreadDeletesExpiredText() throws Exception {
    try (Connection db = InsightsDatabase.openMigrated(url())) {
      InsightsRecorder seed = new InsightsRecorder(db, MemberHash.withSaltIn(dir.resolve("insights.salt")), true,
          Duration.ofDays(1), Clock.systemUTC(), 100, false);
      seed.write(List.of(seed.row(unanswered("1", "forty days old", Instant.now().minus(Duration.ofDays(40))))));
    }
    try (InsightsRecorder live = InsightsRecorder.open(url(), dir.resolve("insights.salt"), true, Duration.ofDays(1),
        Clock.systemUTC())) {
      live.observe(unanswered("2", "fresh", Instant.now()));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (count(url(), "SELECT COUNT(*) FROM turns WHERE text = 'forty days old'") > 0 && System.nanoTime() < deadline) {
        java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
      }
      assertThat(count(url(), "SELECT COUNT(*) FROM turns WHERE text = 'forty days old'")).isZero();
    }
  }

  @Test
  void textIsDeletedAfterTheRetentionOnTheFakeClockAndTheCountsStay() throws Exception {
    app.offramp.MutableClock clock = new app.offramp.MutableClock(Instant.parse("2026-11-01T10:00:00Z"));
    try (Connection db = InsightsDatabase.openMigrated(url())) {
      InsightsRecorder recorder = new InsightsRecorder(db, MemberHash.withSaltIn(dir.resolve("insights.salt")), true,
          Duration.ofDays(30), clock, 100, false);
      recorder.write(List.of(recorder.row(unanswered("1", "old question", clock.instant()))));
      clock.advance(Duration.ofDays(20));
      recorder.write(List.of(recorder.row(unanswered("2", "newer question", clock.instant()))));
      assertThat(recorder.purgeExpiredText()).isZero();
      clock.advance(Duration.ofDays(11));
      assertThat(recorder.purgeExpiredText()).as("only the 31-day-old text").isEqualTo(1);
    }
    assertThat(count(url(), "SELECT COUNT(*) FROM turns")).isEqualTo(2);
    assertThat(count(url(), "SELECT COUNT(*) FROM turns WHERE text = 'newer question'")).isEqualTo(1);
  }

  @Test
  void withStoreTextOffNoTextIsKept() throws Exception {
    try (Connection db = InsightsDatabase.openMigrated(url())) {
      InsightsRecorder recorder = new InsightsRecorder(db, MemberHash.withSaltIn(dir.resolve("insights.salt")), false,
          Duration.ofDays(30), Clock.systemUTC(), 100, false);
      assertThat(recorder.row(unanswered("1", "something private", Instant.now())).text()).isNull();
    }
  }

  @Test
  void aFullQueueDropsAndCountsRecordsAndNeverHoldsUpTheTurn() throws Exception {
    try (Connection db = InsightsDatabase.openMigrated(url())) {
      // No writer: the queue never drains, as when the database is slow or stuck.
      InsightsRecorder recorder = new InsightsRecorder(db, MemberHash.withSaltIn(dir.resolve("insights.salt")), true,
          Duration.ofDays(30), Clock.systemUTC(), 2, false);
      ConversationService service = new ConversationService(Engines.real(), new CaffeineConversationStore());
      service.addObserver(recorder);
      List<Reply> replies = new ArrayList<>();
      // A guard against a hang, not a speed check: a blocking observer would never return.
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
        for (int i = 0; i < 50; i++) {
          replies.add(service.handle(new ConversationKey("m" + i, "dm"), new Input.Text("is there a penalty for cancelling")));
        }
      });
      assertThat(replies).hasSize(50).allSatisfy(r -> assertThat(r.text()).contains("no penalty"));
      assertThat(recorder.dropped()).isEqualTo(48);
    }
  }

  @Test
  void droppedTurnsAreLoggedAtOnceThenAtMostOnceAMinuteAndInAllAtClose() throws Exception {
    try (Connection db = InsightsDatabase.openMigrated(url()); app.offramp.LogCapture log =
        new app.offramp.LogCapture(InsightsRecorder.class)) {
      // No writer: the queue of 2 never drains, so every later turn is dropped.
      InsightsRecorder recorder = new InsightsRecorder(db, MemberHash.withSaltIn(dir.resolve("insights.salt")), true,
          Duration.ofDays(30), Clock.systemUTC(), 2, false);
      long t0 = 1_000_000_000L;
      long minute = InsightsRecorder.DROP_REPORT_EVERY.toNanos();
      recorder.reportDrops(t0); // nothing dropped yet: nothing said
      for (int i = 0; i < 5; i++) {
        recorder.observe(unanswered("m" + i, "q", Instant.EPOCH));
      }
      recorder.reportDrops(t0 + 1); // the first drops: said at once
      recorder.observe(unanswered("m5", "q", Instant.EPOCH));
      recorder.reportDrops(t0 + minute / 2); // more, but within the minute: not yet
      recorder.observe(unanswered("m6", "q", Instant.EPOCH));
      recorder.reportDrops(t0 + 1 + minute); // a minute after the first: the count so far
      recorder.reportDrops(t0 + 1 + 3 * minute); // no new drops: nothing
      recorder.close();

      assertThat(log.lines()).containsExactly(
          "WARN insights: 3 turns not recorded so far: the write queue (2 rows) was full, the database writes slower than"
              + " the bot answers",
          "WARN insights: 5 turns not recorded so far: the write queue (2 rows) was full, the database writes slower than"
              + " the bot answers",
          "WARN insights: 5 turns in all were not recorded (the write queue of 2 rows was full, or they came while the"
              + " bot was stopping)");
    }
  }

  @Test
  void aBrokenDatabaseFileIsReportedAndNotOpened() throws Exception {
    Files.writeString(dir.resolve("insights.db"), "this is not a database, it is a text file ".repeat(100));
    java.sql.SQLException e = org.assertj.core.api.Assertions.catchThrowableOfType(java.sql.SQLException.class,
        () -> InsightsRecorder.open(url(), dir.resolve("insights.salt"), true, Duration.ofDays(30), Clock.systemUTC()));
    assertThat((Throwable) e).isNotNull();
    assertThat(e.getMessage()).doesNotContain("\n");
  }

  /**
   * Regression (issue 23): on a full disk SQLite rolls the batch back itself, our rollback then failed
   * with "cannot commit - no transaction is active", and that was logged instead of the cause, once per
   * batch without end.
   */
  @Test
  void aFullDiskIsLoggedWithItsCauseAtMostOnceAMinute() throws Exception {
    Connection db = org.mockito.Mockito.mock(Connection.class);
    java.sql.PreparedStatement insert = org.mockito.Mockito.mock(java.sql.PreparedStatement.class);
    org.mockito.Mockito.when(db.prepareStatement(org.mockito.ArgumentMatchers.anyString())).thenReturn(insert);
    org.mockito.Mockito.when(insert.executeBatch()).thenThrow(
        new java.sql.SQLException("[SQLITE_FULL] Insertion failed because database is full (database or disk is full)", "", 13));
    org.mockito.Mockito.doThrow(new java.sql.SQLException("cannot rollback - no transaction is active")).when(db).rollback();
    InsightsRecorder recorder = new InsightsRecorder(db, MemberHash.withSaltIn(dir.resolve("insights.salt")), true,
        Duration.ofDays(30), Clock.systemUTC(), 100, false);
    List<InsightsRecorder.Row> rows = List.of(recorder.row(unanswered("1", "q", Instant.now())));
    try (app.offramp.LogCapture log = new app.offramp.LogCapture(InsightsRecorder.class)) {
      java.sql.SQLException thrown = org.assertj.core.api.Assertions.catchThrowableOfType(
          () -> recorder.writeRetryingWhileLocked(rows), java.sql.SQLException.class);
      assertThat(thrown.getMessage()).contains("SQLITE_FULL");
      assertThat(thrown.getSuppressed()).extracting(Throwable::getMessage).containsExactly(
          "cannot rollback - no transaction is active");
      long t0 = 1_000_000_000L;
      for (int i = 0; i < 5; i++) {
        recorder.writeFailed(1, thrown, t0 + i * 1_000_000_000L);
      }
      recorder.writeFailed(1, thrown, t0 + Duration.ofSeconds(61).toNanos());
      assertThat(log.lines()).hasSize(2).allSatisfy(l -> assertThat(l).contains("database or disk is full"));
      assertThat(log.lines().get(1)).contains("5 rows not written in the last minute");
    }
  }

  /** A database another process has locked (a report, a second bot's migration) is tried again, not given up. */
  @Test
  void aLockedDatabaseIsTriedAgain() throws Exception {
    Connection db = org.mockito.Mockito.mock(Connection.class);
    java.sql.PreparedStatement insert = org.mockito.Mockito.mock(java.sql.PreparedStatement.class);
    org.mockito.Mockito.when(db.prepareStatement(org.mockito.ArgumentMatchers.anyString())).thenReturn(insert);
    org.mockito.Mockito.when(insert.executeBatch())
        .thenThrow(new java.sql.SQLException("[SQLITE_BUSY] The database file is locked (database is locked)", "", 5))
        .thenReturn(new int[] {1});
    InsightsRecorder recorder = new InsightsRecorder(db, MemberHash.withSaltIn(dir.resolve("insights.salt")), true,
        Duration.ofDays(30), Clock.systemUTC(), 100, false);
    recorder.writeRetryingWhileLocked(List.of(recorder.row(unanswered("1", "q", Instant.now()))));
    org.mockito.Mockito.verify(db, org.mockito.Mockito.times(1)).commit();
  }

  /** Regression (issue 23): a database file and its write-ahead log were created with the process's umask. */
  @Test
  void theDatabaseAndItsLogAreReadableByTheirOwnerOnly() throws Exception {
    try (InsightsRecorder recorder = InsightsRecorder.open(url(), dir.resolve("insights.salt"), true, Duration.ofDays(30),
        Clock.systemUTC())) {
      recorder.write(List.of(recorder.row(unanswered("1", "q", Instant.now()))));
      for (String name : new String[] {"insights.db", "insights.db-wal"}) {
        java.nio.file.Path p = dir.resolve(name);
        assertThat(java.nio.file.Files.getPosixFilePermissions(p)).as(name)
            .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      }
    }
  }

  /** Regression (issue 23): a missing salt beside a database with rows made a new salt, re-hashing every member. */
  @Test
  void aMissingSaltBesideADatabaseWithTurnsIsAnErrorNotANewSalt() throws Exception {
    try (InsightsRecorder recorder = InsightsRecorder.open(url(), dir.resolve("insights.salt"), true, Duration.ofDays(30),
        Clock.systemUTC())) {
      recorder.write(List.of(recorder.row(unanswered("1", "q", Instant.now()))));
    }
    java.nio.file.Files.delete(dir.resolve("insights.salt"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> InsightsRecorder.open(url(), dir.resolve("insights.salt"), true,
        Duration.ofDays(30), Clock.systemUTC())).hasMessageContaining("insights.salt is missing but the database holds 1 turns");
    assertThat(dir.resolve("insights.salt")).doesNotExist();
  }

  /** Regression (issue 23): two bots opening one new database both ran the first migration; one failed for good. */
  @Test
  void twoOpeningOneNewDatabaseAtOnceBothGetTheSchema() throws Exception {
    for (int round = 0; round < 5; round++) {
      String fresh = "jdbc:sqlite:" + dir.resolve("fresh-" + round + ".db");
      java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
      java.util.List<java.util.concurrent.CompletableFuture<Void>> opened = new java.util.ArrayList<>();
      for (int i = 0; i < 2; i++) {
        opened.add(java.util.concurrent.CompletableFuture.runAsync(() -> {
          try {
            together.await();
            InsightsDatabase.openMigrated(fresh).close();
          } catch (Exception e) {
            throw new java.util.concurrent.CompletionException(e);
          }
        }));
      }
      for (var f : opened) {
        f.get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
      assertThat(count(fresh, "SELECT COUNT(*) FROM turns")).isZero();
    }
  }
}
