package app.offramp.cli;

import app.offramp.config.Settings;
import app.offramp.core.service.ConversationService;
import app.offramp.core.intent.IntentLoadException;
import app.offramp.front.discord.DiscordFront;
import app.offramp.front.discord.DiscordOptions;
import app.offramp.front.discord.TicketOptions;
import app.offramp.adapter.embedding.MiniLmSentenceEncoder;
import app.offramp.adapter.insights.InsightsRecorder;
import app.offramp.adapter.insights.InsightsStats;
import app.offramp.core.port.out.HeldTurns;
import app.offramp.adapter.ops.OpsMetrics;
import app.offramp.adapter.ops.OpsServer;
import app.offramp.core.intent.IntentCatalog;
import app.offramp.front.discord.DiscordTelemetry;
import app.offramp.front.discord.StatsSource;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code offramp serve}: connects to Discord and stays up until SIGTERM / SIGINT. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Connect to Discord and answer members.")
public final class ServeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);
  /** How long a stop waits for the insights database to finish opening, to write the turns held for it. */
  private static final java.time.Duration INSIGHTS_OPEN_WAIT = java.time.Duration.ofSeconds(10);
  static final String NO_TOKEN = "no Discord token configured; set DISCORD_TOKEN (or OFFRAMP_DISCORD_TOKEN), "
      + "or discord.token in config.properties (see config.example.properties)";

  @ParentCommand
  OfframpCommand parent;

  @Override
  public Integer call() throws IOException, InterruptedException {
    return run(parent.settings());
  }

  static int run(Settings settings) throws IOException, InterruptedException {
    if (settings.token().isEmpty()) {
      System.err.println("offramp serve: " + NO_TOKEN);
      return CliExit.BAD_INPUT;
    }
    // The hook exists before the bot connects: a SIGTERM while the matcher is still loading closes
    // the gateway as any other stop does (start then returns the stopped front).
    AtomicBoolean stopping = new AtomicBoolean();
    java.util.concurrent.atomic.AtomicReference<DiscordFront> connected = new java.util.concurrent.atomic.AtomicReference<>();
    Thread hook = new Thread(() -> {
      stopping.set(true);
      DiscordFront f = connected.get();
      if (f != null) {
        f.close(); // the replies under way go out first: they may need the sentence model
      }
      // Then no call into the model's runtime is left half done when the JVM exits (issue 23).
      MiniLmSentenceEncoder.stopNative(java.time.Duration.ofSeconds(15));
    }, "offramp-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    DiscordFront front;
    try {
      checkSettings(settings);
      front = start(settings, connected::set);
    } catch (IntentLoadException e) {
      System.err.println("offramp serve: " + e.problems().size() + " problem(s) in " + settings.intentsDir()
          + ", first: " + e.problems().get(0) + " (run offramp validate)");
      return CliExit.BAD_INPUT;
    } catch (app.offramp.config.ConfigException e) {
      System.err.println("offramp serve: " + e.getMessage());
      return CliExit.BAD_INPUT;
    } catch (net.dv8tion.jda.api.exceptions.InvalidTokenException e) {
      System.err.println("offramp serve: Discord refused the token (invalid or revoked); check DISCORD_TOKEN");
      return CliExit.BAD_INPUT;
    } catch (RuntimeException e) {
      // The message of a login failure can quote the request; print only what failed and where.
      System.err.println("offramp serve: could not connect to Discord at " + settings.get(Settings.REST_URL)
          + " (" + e.getClass().getSimpleName() + "); check the network and discord.rest-url");
      return CliExit.BAD_INPUT;
    }
    // Returns on SIGTERM / SIGINT (the hook above), or when Discord ends the session for good
    // (a revoked token, say): then say so instead of hanging on a dead connection.
    front.awaitShutdown();
    if (stopping.get()) {
      return CliExit.OK;
    }
    System.err.println("offramp serve: Discord ended the session; see the log above for the reason");
    return CliExit.FAILED;
  }

  /**
   * Wires the bot exactly as {@code serve} runs it: settings, intents, conversations, JDA. The
   * end-to-end tests call this with settings that point at a local Discord emulator.
   */
  public static DiscordFront start(Settings settings) throws IOException, IntentLoadException, InterruptedException {
    return start(settings, front -> {});
  }

  /**
   * As {@link #start(Settings)}, telling {@code connected} of the front the moment it is connected
   * (before the matcher is ready and this returns), so a stop can reach it.
   */
  static DiscordFront start(Settings settings, java.util.function.Consumer<DiscordFront> connected)
      throws IOException, IntentLoadException, InterruptedException {
    // The sentence model (about a second) starts loading now, so reading the intents and connecting
    // need not wait for it. A failure here is left for its first real use to report.
    inBackground("offramp-model-load", new CompletableFuture<>(), MiniLmSentenceEncoder::shared);
    DiscordOptions options = options(settings);
    // Intents are read and checked first (milliseconds), so a bad file stops serve before it connects.
    IntentCatalog catalog = Core.loader(settings).load(settings.intentsDir());
    String language = options.locale().substring(0, 2).toLowerCase(java.util.Locale.ROOT);
    if (!catalog.languages().contains(language)) {
      throw new app.offramp.config.ConfigException(Settings.LOCALE + " is '" + options.locale() + "'; expected one of "
          + catalog.languages() + " (the languages of " + settings.intentsDir() + ")");
    }
    Optional<Integer> opsPort = opsPort(settings);
    CompletableFuture<ConversationService> service = new CompletableFuture<>();
    OpsMetrics metrics = opsPort.isEmpty() ? null : new OpsMetrics(
        () -> built(service).map(ConversationService::activeConversations).orElse(0L),
        () -> built(service).map(ConversationService::storeErrors).orElse(0L));
    // The sentence model and the fit take seconds: built while JDA connects, not before.
    inBackground("offramp-core-start", service, () -> {
      ConversationService s = Core.service(settings, settings.intentsDir(), catalog);
      if (metrics != null) {
        s.addObserver(metrics);
      }
      return s;
    });
    // Insights open once the bot is connected and can answer: Flyway's and SQLite's start-up takes a
    // core for about half a second, and on 2 cores that delayed READY and the first answer
    // (BENCHMARKS.md). The turns that run before the database is open are held, then written: none
    // is lost.
    HeldTurns held = new HeldTurns(InsightsRecorder.QUEUE);
    service.thenAccept(s -> s.addObserver(held));
    CompletableFuture<Optional<InsightsRecorder>> insights = new CompletableFuture<>();
    // Ticket events go to the metrics and to the insights database; those before it is open are
    // held (at most a thousand) and written once it is.
    java.util.List<app.offramp.core.port.out.TicketEvent> heldTickets = new java.util.ArrayList<>();
    app.offramp.core.port.out.TicketObserver ticketEvents = event -> {
      if (metrics != null) {
        metrics.ticket(event);
      }
      synchronized (heldTickets) {
        if (!insights.isDone()) {
          if (heldTickets.size() < 1_000) {
            heldTickets.add(event);
          }
          return;
        }
      }
      if (!insights.isCompletedExceptionally()) {
        insights.join().ifPresent(recorder -> recorder.ticket(event));
      }
    };
    insights.whenComplete((recorder, failed) -> {
      synchronized (heldTickets) {
        if (recorder != null) {
          recorder.ifPresent(r -> heldTickets.forEach(r::ticket));
        }
        heldTickets.clear();
      }
    });
    StartingConversations conversations = new StartingConversations(service, catalog);
    // Teaching from misses (/offramp review, learned.yaml, lessons from other processes): once the core is built.
    CompletableFuture<Learning> learning = service.thenApply(s -> {
      try {
        return Learning.start(settings, s, insights);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    String serverLanguage = options.locale().substring(0, 2).toLowerCase(java.util.Locale.ROOT);
    DiscordFront front = DiscordFront.start(options, conversations,
        false, metrics == null ? DiscordTelemetry.NONE : metrics,
        settings.bool(Settings.INSIGHTS_ENABLED)
            ? new StatsOnceOpen(new InsightsStats(settings.get(Settings.INSIGHTS_URL), Clock.systemUTC(),
                (key, args) -> conversations.textIn(serverLanguage, key, args)), insights)
            : StatsSource.NONE, ticketEvents, new StartingReview(learning.thenApply(Learning::review)));
    connected.accept(front);
    service.whenComplete((s, failed) -> {
      if (failed != null) {
        insights.complete(Optional.empty()); // serve stops with the core's error
        return;
      }
      inBackground("offramp-insights-start", insights, () -> {
        Optional<InsightsRecorder> recorder = Core.insights(settings);
        recorder.ifPresentOrElse(held::handTo, held::discard);
        recorder.ifPresent(r -> LOG.info("insights: recording to {}", Core.describe(settings.get(Settings.INSIGHTS_URL))));
        return recorder;
      });
    });
    // Not waited for here: the database opens after the first answers. A stop waits for it (when
    // the core was built, so turns may be held) and closes the recorder, which writes what it holds.
    front.closeAlso(() -> {
      if (service.isDone()) {
        try {
          Optional<InsightsRecorder> recorder = insights.get(INSIGHTS_OPEN_WAIT.toSeconds(),
              java.util.concurrent.TimeUnit.SECONDS);
          // The ticket events held while the database opened go in before it closes (regression:
          // tickets in a bot's first seconds were replayed into a recorder already closing, and lost).
          synchronized (heldTickets) {
            recorder.ifPresent(r -> heldTickets.forEach(r::ticket));
            heldTickets.clear();
          }
          recorder.ifPresent(InsightsRecorder::close);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
          LOG.warn("insights: {} turns not written, the database did not open ({})", held.heldCount() + held.dropped(),
              e.toString());
        }
      }
    });
    if (metrics != null) {
      try {
        OpsServer ops = new OpsServer(opsBind(settings), opsPort.get(), () -> {
          DiscordFront.Health h = front.health();
          if (!h.ok() || built(service).isEmpty()) {
            return new OpsServer.Health(false, !h.ok() ? h.reason() : "still loading the matcher");
          }
          return built(service).flatMap(ConversationService::storeDegraded)
              .map(reason -> new OpsServer.Health(OpsServer.Status.DEGRADED, reason))
              .orElse(new OpsServer.Health(true, "connected"));
        }, metrics);
        front.closeAlso(ops);
        LOG.info("Health and metrics on port {}: /healthz, /metrics", ops.port());
      } catch (IOException e) {
        front.close();
        throw new app.offramp.config.ConfigException(Settings.HTTP_PORT + " is " + opsPort.get()
            + " but that port cannot be opened (" + e.getMessage() + "); expected a free port");
      }
    }
    try {
      front.closeAlso(service.join());
      front.closeAlso(learning.join());
    } catch (CompletionException e) {
      front.close();
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
    return front;
  }

  /** The service once it is built, empty while it is being built (or when building it failed). */
  private static Optional<ConversationService> built(CompletableFuture<ConversationService> service) {
    return service.isDone() && !service.isCompletedExceptionally() ? Optional.of(service.join()) : Optional.empty();
  }

  /** Runs {@code work} on a new daemon thread of that name; {@code result} completes with what it gives or throws. */
  private static <T> CompletableFuture<T> inBackground(String name, CompletableFuture<T> result, Supplier<T> work) {
    Thread thread = new Thread(() -> {
      try {
        result.complete(work.get());
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    }, name);
    thread.setDaemon(true);
    thread.start();
    return result;
  }

  /** {@code ops.http-port}: empty for no health and metrics endpoints, else a port (0 picks a free one). */
  /** {@code ops.bind-address}: loopback by default, so the endpoints are not open to the network unasked. */
  static java.net.InetAddress opsBind(Settings settings) {
    String value = settings.get(Settings.HTTP_BIND);
    try {
      return java.net.InetAddress.getByName(value);
    } catch (java.net.UnknownHostException e) {
      throw new app.offramp.config.ConfigException(Settings.HTTP_BIND + " is '" + value
          + "'; expected an address of this host such as 127.0.0.1, 0.0.0.0 or ::1");
    }
  }

  static Optional<Integer> opsPort(Settings settings) {
    if (settings.get(Settings.HTTP_PORT).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of((int) settings.integer(Settings.HTTP_PORT, 0, 65535));
  }

  /**
   * Every setting serve uses, parsed and range-checked before anything starts: a bad one is one line
   * and exit 2, not a failure after connecting or a reason printed at shutdown (regression, issue
   * 23: a bad match.* value surfaced as "could not connect", insights.retention=0 was swallowed).
   */
  static void checkSettings(Settings settings) {
    options(settings);
    Core.thresholds(settings);
    settings.duration(Settings.IDLE_TIMEOUT);
    settings.integer(Settings.MAX_ACTIVE, 1, 100_000_000);
    settings.bool(Settings.SHOW_SOURCE);
    Core.checkStore(settings);
    if (settings.get(Settings.STORE).equalsIgnoreCase("redis")) {
      // Connected once now: a refused password or a missing database is a setting, named before JDA starts.
      try {
        if (Core.store(settings) instanceof AutoCloseable store) {
          store.close();
        }
      } catch (IllegalArgumentException e) {
        throw new app.offramp.config.ConfigException(app.offramp.config.Secrets.mask(e.getMessage()));
      } catch (Exception e) {
        // an outage, not a setting: the bot starts and answers without memory until Redis is back
      }
    }
    opsPort(settings);
    opsBind(settings);
    settings.oneOf(Settings.LOG_FORMAT, "plain", "json");
    if (settings.bool(Settings.INSIGHTS_ENABLED)) {
      settings.bool(Settings.INSIGHTS_TEXT);
      settings.duration(Settings.INSIGHTS_RETENTION);
      String url = settings.get(Settings.INSIGHTS_URL);
      if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
        throw new app.offramp.config.ConfigException(Settings.INSIGHTS_URL + " is '" + Core.describe(url)
            + "'; expected jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB");
      }
    }
  }

  static DiscordOptions options(Settings settings) {
    return new DiscordOptions(settings.token().orElseThrow(), settings.snowflake(Settings.GUILD_ID),
        java.util.Set.copyOf(settings.snowflakes(Settings.SUPPORT_CHANNEL_IDS)), settings.snowflake(Settings.STAFF_ROLE_ID),
        url(settings, Settings.REST_URL, "http"), url(settings, Settings.GATEWAY_URL, "ws"), settings.bool(Settings.EPHEMERAL),
        (int) settings.integer(Settings.FLOOD_MAX, 1, 1000), settings.duration(Settings.FLOOD_WINDOW),
        settings.duration(Settings.STAFF_COOLDOWN), (int) settings.integer(Settings.MAX_PENDING, 1, 100_000),
        settings.duration(Settings.SHUTDOWN_GRACE), (int) settings.integer(Settings.SHARDS, 1, 100_000),
        shardIds(settings), new TicketOptions(settings.snowflake(Settings.TICKETS_CHANNEL),
            settings.snowflake(Settings.TICKETS_LOG_CHANNEL), settings.duration(Settings.TICKETS_FIRST_RESPONSE),
            settings.duration(Settings.TICKETS_IDLE_CLOSE)), locale(settings));
  }

  /** {@code discord.locale}: a language code such as {@code en}, {@code es} or {@code pt-BR}. */
  static String locale(Settings settings) {
    String value = settings.get(Settings.LOCALE).strip();
    if (!value.matches("[a-zA-Z]{2}([-_][a-zA-Z0-9]{2,3})?")) {
      throw new app.offramp.config.ConfigException(Settings.LOCALE + " is '" + value
          + "'; expected a language code such as en, es, de, fr, pt-BR or it");
    }
    return value;
  }

  /** {@code discord.shard-ids}: empty for all, else ids and ranges such as {@code 0-3} or {@code 0,2,4-5}. */
  static java.util.List<Integer> shardIds(Settings settings) {
    int total = (int) settings.integer(Settings.SHARDS, 1, 100_000);
    String value = settings.get(Settings.SHARD_IDS);
    if (value.isEmpty()) {
      return java.util.stream.IntStream.range(0, total).boxed().toList();
    }
    java.util.TreeSet<Integer> ids = new java.util.TreeSet<>();
    for (String part : value.split(",")) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*(\\d{1,6})\\s*(?:-\\s*(\\d{1,6})\\s*)?").matcher(part);
      if (!m.matches()) {
        throw new app.offramp.config.ConfigException(Settings.SHARD_IDS + " is '" + value
            + "'; expected shard ids and ranges such as 0-3 or 0,2");
      }
      int from = Integer.parseInt(m.group(1));
      int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
      if (from > to || to >= total) {
        throw new app.offramp.config.ConfigException(Settings.SHARD_IDS + " is '" + value + "'; expected ids from 0 to "
            + (total - 1) + " (discord.shards is " + total + ")");
      }
      for (int i = from; i <= to; i++) {
        ids.add(i);
      }
    }
    return java.util.List.copyOf(ids);
  }

  private static String url(Settings settings, String key, String scheme) {
    String value = settings.get(key);
    if (!value.startsWith(scheme + "://") && !value.startsWith(scheme + "s://")) {
      throw new app.offramp.config.ConfigException(key + " is '" + value + "'; expected a " + scheme + ":// or "
          + scheme + "s:// URL");
    }
    return value.endsWith("/") || key.equals(Settings.GATEWAY_URL) ? value : value + "/";
  }
}
