package app.offramp.adapter.store;

import app.offramp.core.conversation.ConversationKey;
import app.offramp.core.conversation.ConversationState;
import app.offramp.core.conversation.ConversationStore;
import app.offramp.core.conversation.Turn;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conversation state in Redis, so conversations survive a restart and several processes (shards)
 * can share them. One key per conversation, {@code offramp:conv:<member>:<place>}, holding
 * {@link StateJson}, with a TTL of the idle timeout set again on every turn.
 *
 * <p>Updates are a compare-and-set in a Lua script (read, run the turn, write only if the value is
 * still what was read, else run the turn again on the new value), because a WATCH/MULTI
 * transaction needs a connection of its own per update while a script runs atomically on the one
 * shared, thread-safe connection. Two turns for one member at once never lose one.
 *
 * <p>When Redis is out of reach every method throws {@link ConversationStore.Unavailable} at once
 * (commands are rejected while disconnected, not queued) and the service answers without memory;
 * Lettuce reconnects by itself, and a warning is logged at most once a minute meanwhile.
 */
public final class RedisConversationStore implements ConversationStore, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RedisConversationStore.class);
  static final String PREFIX = "offramp:conv:";
  private static final int MAX_ATTEMPTS = 20;
  private static final Duration LOG_EVERY = Duration.ofMinutes(1);
  private static final Duration CONNECT_EVERY = Duration.ofSeconds(1);
  /**
   * KEYS[1] the conversation; ARGV[1] "0" when it was absent, else "1" + the value read; ARGV[2]
   * the new value ("" deletes); ARGV[3] the TTL in milliseconds. 1 when written, 0 when it changed.
   */
  private static final String COMPARE_AND_SET = """
      local current = false
      local kind = redis.call('TYPE', KEYS[1])['ok']
      if kind == 'string' and redis.call('STRLEN', KEYS[1]) <= tonumber(ARGV[4]) then
        current = redis.call('GET', KEYS[1])
      elseif kind ~= 'none' then
        current = '!'
      end
      if ARGV[1] == '0' then
        if current then return 0 end
      elseif current ~= string.sub(ARGV[1], 2) then
        return 0
      end
      if ARGV[2] == '' then
        redis.call('DEL', KEYS[1])
      else
        redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
      end
      return 1
      """;

  /**
   * KEYS[1] the conversation; ARGV[1] the largest value read. The value; "!" when the key holds
   * something else (another type, or a value far larger than any state: a hash someone wrote there,
   * 64 MB), which reads as an expired conversation and is overwritten by the next turn, without
   * moving it over the network (regression, issue 23: a wrong-type key failed every turn; a 64 MB
   * value held the member 2 s a turn).
   */
  private static final String READ = """
      local kind = redis.call('TYPE', KEYS[1])['ok']
      if kind == 'none' then return false end
      if kind ~= 'string' or redis.call('STRLEN', KEYS[1]) > tonumber(ARGV[1]) then return '!' end
      return redis.call('GET', KEYS[1])
      """;
  /** A state is under a kilobyte; far more is not ours. */
  static final int MAX_VALUE = 64 * 1024;

  /**
   * Turns for one key in this process go one at a time (as in the memory store), so the
   * compare-and-set only ever retries against another process, never against a sibling thread.
   */
  private final Object[] stripes = new Object[256];
  private final RedisClient client;
  private final Duration idleTimeout;
  private final AtomicLong failures = new AtomicLong();
  /** A time long enough ago that the next failure (or connection attempt) is never held back. */
  private static final long NEVER = Long.MIN_VALUE / 2;
  private final AtomicLong lastLogged = new AtomicLong(NEVER);
  private final AtomicLong lastConnectAttempt = new AtomicLong(NEVER);
  private volatile StatefulRedisConnection<String, String> connection;
  private volatile String scriptSha;
  private volatile String readSha;

  /**
   * @param url {@code redis://[user:password@]host:port/db} or {@code rediss://} for TLS
   * @param idleTimeout a conversation is forgotten after this long without a turn
   */
  public RedisConversationStore(String url, Duration idleTimeout) {
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idle timeout is " + idleTimeout + "; expected a positive duration");
    }
    RedisURI uri;
    try {
      uri = RedisURI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("conversation.redis-url is not a redis:// or rediss:// URL");
    }
    // A reply waits on the store: a slow or absent Redis must fail fast, not hold a member for long.
    uri.setTimeout(Duration.ofSeconds(2));
    this.client = RedisClient.create(uri);
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
        .build());
    this.idleTimeout = idleTimeout;
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new Object();
    }
    // Connect now when Redis is there; if not, the first turns say so and it retries. A timeout at
    // start (a busy machine, a first connection's set-up) is tried twice more before it is taken for
    // an outage: a refused password must be named now, not hidden behind a slow first answer.
    for (int attempt = 1; attempt <= STARTUP_ATTEMPTS; attempt++) {
      try {
        commands();
        return;
      } catch (Unavailable e) {
        Optional<String> permanent = e.getCause() instanceof RedisException r ? permanent(r) : Optional.empty();
        if (permanent.isPresent()) {
          client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
          // A setting, not an outage: no retrying fixes it, so the bot does not start (exit 2).
          throw new IllegalArgumentException("conversation.redis-url: " + permanent.get());
        }
        if (!timedOut(e)) {
          return;
        }
        lastConnectAttempt.set(System.nanoTime() - CONNECT_EVERY.toNanos());
      }
    }
  }

  private static final int STARTUP_ATTEMPTS = 3;

  private static boolean timedOut(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof io.lettuce.core.RedisCommandTimeoutException || t instanceof io.netty.channel.ConnectTimeoutException
          || String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("timed out")) {
        return true;
      }
    }
    return false;
  }

  /**
   * A failure that is the URL's, not the network's: a password refused, a database index that does
   * not exist, a certificate not trusted, a host that does not exist. Said in words, never quoting
   * the URL (it holds the password).
   */
  static Optional<String> permanent(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage());
      if (m.contains("WRONGPASS") || m.contains("NOAUTH") || m.contains("invalid password")
          || m.contains("invalid username-password")) {
        return Optional.of("Redis refused the password (authentication failed); expected the password of that server");
      }
      if (m.contains("DB index is out of range") || m.contains("invalid DB index")) {
        return Optional.of("Redis has no database of that number; expected a database index it has (0 to 15 by default)");
      }
      if (t instanceof javax.net.ssl.SSLException) {
        return Optional.of("the TLS connection failed (" + t.getClass().getSimpleName()
            + ": the server's certificate is not trusted, or it does not speak TLS); expected rediss:// to a server "
            + "whose certificate this Java trusts");
      }
      if (t instanceof java.net.UnknownHostException) {
        return Optional.of("the host is unknown (no address for it); expected the name or address of the Redis server");
      }
    }
    return Optional.empty();
  }

  @Override
  public Turn apply(ConversationKey key, Function<ConversationState, Turn> step) {
    String k = key(key);
    RedisCommands<String, String> redis = commands();
    synchronized (stripes[k.hashCode() & (stripes.length - 1)]) {
      return applyLocked(redis, k, step);
    }
  }

  private Turn applyLocked(RedisCommands<String, String> redis, String k, Function<ConversationState, Turn> step) {
    try {
      for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        String read = read(redis, k);
        Turn turn = step.apply(StateJson.read(read).orElse(null));
        String write = turn.state() == null ? "" : StateJson.write(turn.state());
        String expected = read == null ? "0" : "1" + read;
        if (compareAndSet(redis, k, expected, write)) {
          recovered();
          return turn;
        }
      }
      throw new Unavailable("conversation " + k + " kept changing under " + MAX_ATTEMPTS + " attempts", null);
    } catch (RedisException e) {
      throw unavailable(e);
    }
  }

  private boolean compareAndSet(RedisCommands<String, String> redis, String key, String expected, String write) {
    String[] keys = {key};
    String[] args = {expected, write, Long.toString(idleTimeout.toMillis()), Integer.toString(MAX_VALUE)};
    String sha = scriptSha;
    if (sha != null) {
      try {
        return redis.<Long>evalsha(sha, ScriptOutputType.INTEGER, keys, args) == 1L;
      } catch (io.lettuce.core.RedisNoScriptException flushed) {
        // Redis restarted or its script cache was flushed: load it again below.
      }
    }
    scriptSha = redis.scriptLoad(COMPARE_AND_SET);
    return redis.<Long>evalsha(scriptSha, ScriptOutputType.INTEGER, keys, args) == 1L;
  }

  /** The value at {@code key} through {@link #READ}: null when absent, "!" when not a state of ours. */
  private String read(RedisCommands<String, String> redis, String key) {
    String[] keys = {key};
    String sha = readSha;
    if (sha != null) {
      try {
        return redis.<String>evalsha(sha, ScriptOutputType.VALUE, keys, Integer.toString(MAX_VALUE));
      } catch (io.lettuce.core.RedisNoScriptException flushed) {
        // as above
      }
    }
    readSha = redis.scriptLoad(READ);
    return redis.<String>evalsha(readSha, ScriptOutputType.VALUE, keys, Integer.toString(MAX_VALUE));
  }

  @Override
  public Optional<ConversationState> get(ConversationKey key) {
    try {
      Optional<ConversationState> state = StateJson.read(read(commands(), key(key)));
      recovered();
      return state;
    } catch (RedisException e) {
      throw unavailable(e);
    }
  }

  @Override
  public void remove(ConversationKey key) {
    try {
      commands().del(key(key));
    } catch (RedisException e) {
      throw unavailable(e);
    }
  }

  /** Counts the conversation keys (a SCAN: linear in keys, for metrics and benchmarks, not per turn). */
  @Override
  public long size() {
    try {
      RedisCommands<String, String> redis = commands();
      long n = 0;
      ScanCursor cursor = ScanCursor.INITIAL;
      ScanArgs match = ScanArgs.Builder.matches(PREFIX + "*").limit(1000);
      do {
        KeyScanCursor<String> page = redis.scan(cursor, match);
        n += page.getKeys().size();
        cursor = page;
      } while (!cursor.isFinished());
      return n;
    } catch (RedisException e) {
      throw unavailable(e);
    }
  }

  /** Failing since the outage was logged, until a command succeeds again. */
  @Override
  public java.util.Optional<String> degraded() {
    return lastLogged.get() == NEVER ? java.util.Optional.empty()
        : java.util.Optional.of("conversation store (Redis) unreachable: answering without memory");
  }

  /** Store errors since start (Redis unreachable or failing), for metrics. */
  @Override
  public long errors() {
    return failures.get();
  }

  static String key(ConversationKey key) {
    return PREFIX + key.memberId() + ":" + key.placeId();
  }

  private RedisCommands<String, String> commands() {
    StatefulRedisConnection<String, String> c = connection;
    if (c != null) {
      return c.sync();
    }
    synchronized (this) {
      if (connection == null) {
        long now = System.nanoTime();
        if (now - lastConnectAttempt.get() < CONNECT_EVERY.toNanos()) {
          throw unavailable(new RedisException("not connected; retrying within " + CONNECT_EVERY.toSeconds() + " s"));
        }
        lastConnectAttempt.set(now);
        try {
          connection = client.connect();
        } catch (RedisException e) {
          throw unavailable(e);
        }
      }
      return connection.sync();
    }
  }

  private Unavailable unavailable(RedisException e) {
    failures.incrementAndGet();
    long now = System.nanoTime();
    long last = lastLogged.get();
    if (now - last >= LOG_EVERY.toNanos() && lastLogged.compareAndSet(last, now)) {
      // The cause's class and message name the host and the failure, never the password.
      LOG.warn("conversation store (Redis) unreachable: {}; answering without memory until it is back "
          + "({} failures so far; next warning in a minute at most)", reason(e), failures.get());
    }
    return new Unavailable("Redis unreachable", e);
  }

  private static String reason(RedisException e) {
    Optional<String> permanent = permanent(e);
    if (permanent.isPresent()) {
      return permanent.get();
    }
    if (e instanceof io.lettuce.core.RedisConnectionException) {
      return "cannot connect";
    }
    if (e instanceof io.lettuce.core.RedisCommandTimeoutException) {
      return "no answer within 2 s";
    }
    return "not connected or failing";
  }

  /** After an outage was logged: say it is over, and let the next outage be logged at once. */
  private void recovered() {
    if (lastLogged.get() != NEVER && lastLogged.getAndSet(NEVER) != NEVER) {
      LOG.info("conversation store (Redis) reachable again");
    }
  }

  @Override
  public void close() {
    StatefulRedisConnection<String, String> c = connection;
    if (c != null) {
      c.close();
    }
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }
}
