package app.offramp.cli;

import app.offramp.adapter.embedding.FileBackedSentenceEncoder;
import app.offramp.adapter.embedding.MiniLmSentenceEncoder;
import app.offramp.config.Settings;
import app.offramp.adapter.store.CaffeineConversationStore;
import app.offramp.adapter.store.RedisConversationStore;
import app.offramp.core.conversation.ConversationStore;
import app.offramp.core.conversation.ConversationEngine;
import app.offramp.core.service.ConversationService;
import app.offramp.core.intent.IntentCatalog;
import app.offramp.core.intent.IntentLoadException;
import app.offramp.core.intent.IntentLoader;
import app.offramp.core.match.SentenceEncoder;
import app.offramp.core.match.IntentMatcher;
import app.offramp.core.match.MatchThresholds;
import com.github.benmanes.caffeine.cache.Ticker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/** Builds the core (intents, matcher, engine, store) from settings: the composition root's half. */
public final class Core {
  private Core() {}

  public static MatchThresholds thresholds(Settings settings) {
    return new MatchThresholds(settings.decimal(Settings.ACCEPT, 0.01, 1), settings.decimal(Settings.MARGIN, 0, 0.99));
  }

  /** The intent loader, checking sources against the configured document. */
  public static IntentLoader loader(Settings settings) {
    return new IntentLoader(settings.sourceDocument());
  }

  public static ConversationEngine engine(Settings settings, Path intentsDir) throws IOException, IntentLoadException {
    return engine(settings, loader(settings).load(intentsDir));
  }

  /** The engine for an already loaded catalog: loads the sentence model and fits the matcher (seconds). */
  public static ConversationEngine engine(Settings settings, IntentCatalog catalog) {
    return new ConversationEngine(catalog, new IntentMatcher(catalog, thresholds(settings), encoder(settings)),
        settings.bool(Settings.SHOW_SOURCE), Clock.systemUTC());
  }

  /**
   * One turn nobody sees, with an example of the first intent: the code of a turn (matching, the
   * answer's text and choices) is loaded and run once before a member's question needs it. The
   * first member's answer took about 60 ms more than the next ones without it. The engine keeps no
   * state and records nothing; the turn is thrown away.
   */
  private static void warmUp(ConversationEngine engine, IntentCatalog catalog) {
    catalog.intents().stream().flatMap(i -> i.examples().stream()).findFirst()
        .ifPresent(example -> engine.handle(null, new app.offramp.core.conversation.Input.Text(example)));
  }

  /** The sentence model, the examples' vectors kept in {@code match.vectors-cache} unless it is empty. */
  static SentenceEncoder encoder(Settings settings) {
    String file = settings.get(Settings.VECTORS_CACHE);
    return file.isBlank() ? MiniLmSentenceEncoder.shared() : FileBackedSentenceEncoder.miniLm(Path.of(file.strip()));
  }

  public static ConversationService service(Settings settings, Path intentsDir) throws IOException, IntentLoadException {
    return service(settings, intentsDir, loader(settings).load(intentsDir));
  }

  /** The service for a catalog already loaded from {@code intentsDir} (reloads read that directory again). */
  public static ConversationService service(Settings settings, Path intentsDir, IntentCatalog catalog) {
    ConversationStore store = store(settings);
    ConversationEngine engine = engine(settings, catalog);
    warmUp(engine, catalog);
    return new ConversationService(engine, store, () -> engine(settings, intentsDir));
  }

  /**
   * The insights recorder when {@code insights.enabled}; empty (and one line on stderr saying why)
   * when the database cannot be opened: the bot then runs without insights rather than not at all.
   */
  public static java.util.Optional<app.offramp.adapter.insights.InsightsRecorder> insights(Settings settings) {
    if (!settings.bool(Settings.INSIGHTS_ENABLED)) {
      return java.util.Optional.empty();
    }
    String url = settings.get(Settings.INSIGHTS_URL);
    java.time.Duration retention = settings.duration(Settings.INSIGHTS_RETENTION);
    boolean text = settings.bool(Settings.INSIGHTS_TEXT);
    try {
      return java.util.Optional.of(app.offramp.adapter.insights.InsightsRecorder.open(url, saltFile(url), text, retention,
          java.time.Clock.systemUTC()));
    } catch (java.sql.SQLException | java.io.IOException | RuntimeException e) {
      System.err.println("offramp: insights are off: cannot open " + describe(url) + " ("
          + firstLine(e.getMessage()) + "); fix or move the file, or set insights.enabled=false");
      return java.util.Optional.empty();
    }
  }

  /** The salt beside an SQLite file; beside the working directory's insights for other databases. */
  public static java.nio.file.Path saltFile(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      String file = jdbcUrl.substring("jdbc:sqlite:".length()).replaceFirst("\\?.*$", "");
      java.nio.file.Path parent = java.nio.file.Path.of(file).toAbsolutePath().getParent();
      return parent.resolve("insights.salt");
    }
    return java.nio.file.Path.of("insights.salt");
  }

  /** A JDBC URL without anything that could be a password. */
  public static String describe(String jdbcUrl) {
    return app.offramp.config.Secrets.mask(jdbcUrl);
  }

  /** A message's first line, anything that could be a secret masked: drivers quote the URL they were given. */
  static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    return app.offramp.config.Secrets.mask((nl < 0 ? message : message.substring(0, nl)).strip());
  }

  /** The store settings checked, nothing connected: memory, or redis with a redis:// URL. */
  static void checkStore(Settings settings) {
    settings.duration(Settings.IDLE_TIMEOUT);
    if (settings.oneOf(Settings.STORE, "memory", "redis").equals("redis")) {
      String url = settings.get(Settings.REDIS_URL);
      if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
        // Never quote the URL: it may carry the password.
        throw new app.offramp.config.ConfigException(Settings.REDIS_URL
            + " is not a redis:// or rediss:// URL; expected e.g. redis://localhost:6379/0");
      }
    }
  }

  /** {@code conversation.store}: memory (Caffeine, in this process) or redis (shared, survives restarts). */
  public static ConversationStore store(Settings settings) {
    checkStore(settings);
    java.time.Duration idle = settings.duration(Settings.IDLE_TIMEOUT);
    if (settings.oneOf(Settings.STORE, "memory", "redis").equals("redis")) {
      return new RedisConversationStore(settings.get(Settings.REDIS_URL), idle); // closed with the service
    }
    return new CaffeineConversationStore(idle, settings.integer(Settings.MAX_ACTIVE, 1, 100_000_000), Ticker.systemTicker());
  }
}
