package app.offramp.adapter.insights;

import app.offramp.core.conversation.Input;
import app.offramp.core.port.out.TurnEvent;
import app.offramp.core.port.out.TurnObserver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every turn for the report, without ever delaying a reply: {@link #observe} only offers
 * a row to a bounded queue (when it is full the row is dropped and counted, the reply goes out);
 * one daemon thread writes rows in batches, one transaction each, and once an hour deletes the
 * text of rows older than the retention. Members are kept as salted hashes ({@link MemberHash});
 * message text only for turns the admin needs to read (not understood, ambiguous; "it didn't
 * work" is recorded as the step it was pressed at) and only while {@code storeText} is on.
 */
public final class InsightsRecorder implements TurnObserver, app.offramp.core.port.out.TicketObserver, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(InsightsRecorder.class);
  /** Rows waiting to be written, at most. */
  public static final int QUEUE = 10_000;
  private static final int BATCH = 500;
  private static final Duration PURGE_EVERY = Duration.ofHours(1);
  private static final Duration LINGER = Duration.ofMillis(200);
  /** How often, at most, a growing count of dropped turns is logged (a full queue drops thousands a minute). */
  static final Duration DROP_REPORT_EVERY = Duration.ofMinutes(1);
  private static final String INSERT = "INSERT INTO turns (at_ms, place, intent, confidence, outcome, milestone, step, "
      + "member, text, slot, staff) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private static final String INSERT_TICKET = "INSERT INTO ticket_events (at_ms, ticket, event, place, topic, member, "
      + "staff, seconds, rating, closed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  /** Ticket events are few (a handful per staff call): a small queue of their own. */
  private final BlockingQueue<app.offramp.core.port.out.TicketEvent> tickets = new ArrayBlockingQueue<>(1_000);

  /** A turn as stored. */
  record Row(long atMs, String place, String intent, Double confidence, String outcome, String milestone, Integer step,
      String member, String text, String slot, boolean staff) {}

  private final Connection connection;
  private final MemberHash hash;
  private final boolean storeText;
  private final Duration retention;
  private final Clock clock;
  private final BlockingQueue<Row> queue;
  private final int capacity;
  private final AtomicLong dropped = new AtomicLong();
  /** Drops already in the log, and when they were last logged (the writer's thread alone reads and writes these). */
  private long droppedReported;
  private long lastDropReport = Long.MIN_VALUE;
  private final AtomicLong written = new AtomicLong();
  /** The last question answered in each conversation, until its vote (or until pushed out): see questionBehindVote. */
  private final java.util.Map<String, String> lastQuestions = new java.util.LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(java.util.Map.Entry<String, String> eldest) {
      return size() > QUEUE;
    }
  };
  private final Thread writer;
  private volatile boolean closing;
  /** When expired text was last deleted; none yet: the first check deletes. */
  private java.util.OptionalLong lastPurge = java.util.OptionalLong.empty();

  InsightsRecorder(Connection connection, MemberHash hash, boolean storeText, Duration retention, Clock clock, int capacity,
      boolean startWriter) {
    this.connection = connection;
    this.hash = hash;
    this.storeText = storeText;
    this.retention = retention;
    this.clock = clock;
    this.capacity = capacity;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.writer = new Thread(this::writeLoop, "offramp-insights");
    writer.setDaemon(true);
    if (startWriter) {
      writer.start();
    }
  }

  /**
   * Opens (creating and migrating) the database and starts the writer.
   *
   * @param jdbcUrl e.g. {@code jdbc:sqlite:/var/lib/offramp/insights.db}
   * @param saltFile where the member-hash salt is kept (created on first use)
   */
  public static InsightsRecorder open(String jdbcUrl, Path saltFile, boolean storeText, Duration retention, Clock clock)
      throws SQLException, java.io.IOException {
    Connection connection = InsightsDatabase.openMigrated(jdbcUrl);
    try {
      if (!java.nio.file.Files.exists(saltFile)) {
        long rows = InsightsDatabase.turns(connection);
        if (rows > 0) {
          // A new salt would hash every member anew: their past turns would no longer be theirs.
          throw new java.io.IOException(saltFile + " is missing but the database holds " + rows + " turns; expected "
              + "the salt those turns were hashed with: restore it, or move the database away to start afresh");
        }
      }
      return new InsightsRecorder(connection, MemberHash.withSaltIn(saltFile), storeText, retention, clock, QUEUE, true);
    } catch (java.io.IOException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  @Override
  public void observe(TurnEvent event) {
    if (closing || !queue.offer(row(event))) {
      dropped.incrementAndGet();
    }
  }

  Row row(TurnEvent e) {
    // "It didn't work" is a button (or its number): its text says nothing; the step it was pressed at does.
    boolean keepText = storeText && (e.outcome() == TurnEvent.Outcome.UNANSWERED || e.outcome() == TurnEvent.Outcome.AMBIGUOUS);
    String text = keepText && e.input() instanceof Input.Text t ? cap(t.text()) : null;
    if (storeText) {
      text = questionBehindVote(e, text);
    }
    Integer step = e.reply().progress().map(p -> p.step()).orElse(e.stepBefore().map(s -> s + 1).orElse(null));
    String intent = !e.walkThroughIntent().isEmpty() ? e.walkThroughIntent() : e.reply().intentId().orElse(null);
    return new Row(e.at().toEpochMilli(), place(e), intent,
        e.reply().confidence() > 0 ? e.reply().confidence() : null, e.outcome().name().toLowerCase(Locale.ROOT),
        e.walkThrough().map(m -> m.name().toLowerCase(Locale.ROOT)).orElse(null), step, hash.of(e.key().memberId()), text,
        e.slot().isEmpty() ? null : e.slot(), e.reply().callStaff());
  }

  /**
   * The question a "Did this help? No" is about, kept with the vote (so staff can review it); the
   * question is held in memory from its answer until the vote, and only then written.
   */
  private String questionBehindVote(TurnEvent e, String text) {
    String key = e.key().memberId() + "\u0000" + e.key().placeId();
    synchronized (lastQuestions) {
      if (e.outcome() == TurnEvent.Outcome.ANSWERED && e.input() instanceof Input.Text t) {
        lastQuestions.put(key, cap(t.text()));
      } else if (e.walkThrough().filter(m -> m == TurnEvent.Milestone.NOT_HELPFUL).isPresent()) {
        return lastQuestions.remove(key);
      }
    }
    return text;
  }

  /** console, dm, support_channel, thread, channel (a mention elsewhere), slash, or unknown. */
  private static String place(TurnEvent e) {
    return e.key().where().name().toLowerCase(Locale.ROOT);
  }

  private static String cap(String text) {
    return text.length() <= 4000 ? text : text.substring(0, 4000);
  }

  private void writeLoop() {
    List<Row> batch = new ArrayList<>(BATCH);
    while (!closing || !queue.isEmpty() || !tickets.isEmpty()) {
      try {
        writeTickets();
        Row first = queue.poll(1, TimeUnit.SECONDS);
        if (first != null) {
          batch.add(first);
          // Gather what arrives in the next moment too: one transaction for many rows under load.
          long until = System.nanoTime() + LINGER.toNanos();
          while (batch.size() < BATCH && !closing) {
            Row more = queue.poll(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (more == null) {
              break;
            }
            batch.add(more);
            queue.drainTo(batch, BATCH - batch.size());
          }
          writeRetryingWhileLocked(batch);
          batch.clear();
        }
        reportDrops(System.nanoTime());
        purgeIfDue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (SQLException | RuntimeException e) {
        writeFailed(batch.size(), e, System.nanoTime());
        batch.clear();
      }
    }
  }

  @Override
  public void ticket(app.offramp.core.port.out.TicketEvent event) {
    if (closing || !tickets.offer(event)) {
      LOG.warn("insights: a ticket event ({}) was not recorded: the bot is stopping or the queue is full",
          event.kind().name().toLowerCase(Locale.ROOT));
    }
  }

  /** Writes the ticket events queued so far, one transaction; ids hashed as members are. */
  void writeTickets() throws SQLException {
    List<app.offramp.core.port.out.TicketEvent> events = new ArrayList<>();
    tickets.drainTo(events);
    if (events.isEmpty()) {
      return;
    }
    inTransaction(INSERT_TICKET, insert -> {
      for (app.offramp.core.port.out.TicketEvent e : events) {
        insert.setLong(1, e.at().toEpochMilli());
        insert.setString(2, hash.of("ticket:" + e.ticketId()));
        insert.setString(3, e.kind().name().toLowerCase(Locale.ROOT));
        insert.setString(4, e.place());
        insert.setString(5, e.topic().isEmpty() ? null : e.topic());
        insert.setString(6, hash.of(e.memberId()));
        insert.setString(7, e.staffId().map(hash::of).orElse(null));
        if (e.sinceOpened().isPresent()) {
          insert.setDouble(8, e.sinceOpened().get().toMillis() / 1000.0);
        } else {
          insert.setNull(8, Types.DOUBLE);
        }
        if (e.rating().isPresent()) {
          insert.setInt(9, e.rating().getAsInt());
        } else {
          insert.setNull(9, Types.INTEGER);
        }
        insert.setString(10, e.closedBy().orElse(null));
        insert.addBatch();
      }
    });
  }

  /**
   * Logs how many turns were dropped so far when the count grew: the first drop at once, then at
   * most every {@link #DROP_REPORT_EVERY}, so an admin learns the database cannot keep up without a
   * log line per turn.
   */
  /**
   * Deletes expired text when none was deleted yet or the last time was {@link #PURGE_EVERY} ago.
   * Regression (issue 23): the first time was "never" as Long.MIN_VALUE, and now − MIN_VALUE
   * overflowed negative, so a running bot never deleted anything.
   */
  int purgeIfDue() throws SQLException {
    long now = clock.millis();
    if (lastPurge.isPresent() && now - lastPurge.getAsLong() < PURGE_EVERY.toMillis()) {
      return 0;
    }
    int deleted = purgeExpiredText();
    lastPurge = java.util.OptionalLong.of(now);
    return deleted;
  }

  void reportDrops(long nanoNow) {
    long so = dropped.get();
    if (so > droppedReported
        && (lastDropReport == Long.MIN_VALUE || nanoNow - lastDropReport >= DROP_REPORT_EVERY.toNanos())) {
      LOG.warn("insights: {} turns not recorded so far: the write queue ({} rows) was full, the database writes"
          + " slower than the bot answers", so, capacity);
      droppedReported = so;
      lastDropReport = nanoNow;
    }
  }

  void write(List<Row> rows) throws SQLException {
    inTransaction(INSERT, insert -> {
      for (Row r : rows) {
        insert.setLong(1, r.atMs());
        insert.setString(2, r.place());
        insert.setString(3, r.intent());
        if (r.confidence() == null) {
          insert.setNull(4, Types.DOUBLE);
        } else {
          insert.setDouble(4, r.confidence());
        }
        insert.setString(5, r.outcome());
        insert.setString(6, r.milestone());
        if (r.step() == null) {
          insert.setNull(7, Types.INTEGER);
        } else {
          insert.setInt(7, r.step());
        }
        insert.setString(8, r.member());
        insert.setString(9, r.text());
        insert.setString(10, r.slot());
        insert.setInt(11, r.staff() ? 1 : 0);
        insert.addBatch();
      }
    });
    written.addAndGet(rows.size());
  }

  /** Fills one batch of a prepared statement. */
  private interface Batch {
    void fill(PreparedStatement insert) throws SQLException;
  }

  /** One batch of {@code sql}, in one transaction: all of it is written, or none. */
  private void inTransaction(String sql, Batch batch) throws SQLException {
    connection.setAutoCommit(false);
    try (PreparedStatement insert = connection.prepareStatement(sql)) {
      batch.fill(insert);
      insert.executeBatch();
      connection.commit();
    } catch (SQLException e) {
      // SQLite rolls back by itself on some failures (a full disk): a second rollback then fails with
      // "no transaction is active", which must not hide why the batch failed (regression, issue 23).
      try {
        connection.rollback();
      } catch (SQLException again) {
        e.addSuppressed(again);
      }
      throw e;
    } finally {
      try {
        connection.setAutoCommit(true);
      } catch (SQLException ignored) {
        // the connection is broken; the next batch will say so
      }
    }
  }

  /**
   * {@link #write}, tried again while the database is locked by another process (SQLite's BUSY and
   * LOCKED: a report reading, a second bot migrating), a few times with a growing pause.
   */
  void writeRetryingWhileLocked(List<Row> rows) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try {
        write(rows);
        return;
      } catch (SQLException e) {
        if (!locked(e) || attempt >= LOCKED_ATTEMPTS) {
          throw e;
        }
        java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100L * attempt).toNanos());
      }
    }
  }

  static final int LOCKED_ATTEMPTS = 4;

  private static boolean locked(SQLException e) {
    String m = String.valueOf(e.getMessage());
    return e.getErrorCode() == 5 || e.getErrorCode() == 6 || m.contains("SQLITE_BUSY") || m.contains("SQLITE_LOCKED")
        || m.contains("database is locked");
  }

  /**
   * A batch that could not be written, logged with its cause at once and then at most once a
   * minute with how many rows since (regression, issue 23: a full disk logged "cannot commit" per
   * batch, without end, and never said the disk was full).
   */
  void writeFailed(int rows, Exception e, long nanoNow) {
    unwritten += rows;
    if (lastWriteFailureLog == Long.MIN_VALUE || nanoNow - lastWriteFailureLog >= DROP_REPORT_EVERY.toNanos()) {
      LOG.warn("insights: {} rows not written {}({}); next warning in a minute at most", unwritten,
          lastWriteFailureLog == Long.MIN_VALUE ? "" : "in the last minute ", InsightsDatabase.firstLine(e.getMessage()));
      unwritten = 0;
      lastWriteFailureLog = nanoNow;
    }
  }

  private long unwritten;
  private long lastWriteFailureLog = Long.MIN_VALUE;

  /** Deletes the text of rows older than the retention (the counts stay); returns how many. */
  int purgeExpiredText() throws SQLException {
    try (PreparedStatement purge = connection.prepareStatement(
        "UPDATE turns SET text = NULL WHERE text IS NOT NULL AND at_ms < ?")) {
      purge.setLong(1, clock.millis() - retention.toMillis());
      return purge.executeUpdate();
    }
  }

  /** Rows dropped because the queue was full (or the recorder closing): never a reply. */
  public long dropped() {
    return dropped.get();
  }

  long written() {
    return written.get();
  }

  /** Writes what is queued (up to 10 s), then closes the database. */
  @Override
  public void close() {
    closing = true;
    try {
      writer.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long lost = dropped.get();
    if (lost > 0) {
      LOG.warn("insights: {} turns in all were not recorded (the write queue of {} rows was full, or they came while"
          + " the bot was stopping)", lost, capacity);
    }
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.warn("insights: closing the database failed ({})", e.getMessage());
    }
  }
}
