package app.offramp.front.discord;

import app.offramp.core.port.in.Conversations;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.MemberCachePolicy;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import net.dv8tion.jda.api.utils.cache.CacheFlag;
import net.dv8tion.jda.api.utils.messages.MessageRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects the conversations to Discord with JDA: the fewest gateway intents that work, REST and
 * gateway URLs from the settings (so a proxy or a local emulator can stand in for Discord), slash
 * commands registered from the intents, and an invite URL with exactly the permissions needed.
 */
public final class DiscordFront implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DiscordFront.class);

  /**
   * What the bot does in a channel: see it, answer, open a thread on a question and answer in it;
   * for staff: post the card (an embed) with the member's messages read back (history), open a
   * private ticket thread for a DM, archive and lock a closed ticket (Manage Threads), post its
   * transcript (a file). The end-to-end suite grants exactly these, so a missing one fails there.
   */
  public static final EnumSet<Permission> PERMISSIONS = EnumSet.of(Permission.VIEW_CHANNEL, Permission.MESSAGE_SEND,
      Permission.CREATE_PUBLIC_THREADS, Permission.MESSAGE_SEND_IN_THREADS, Permission.CREATE_PRIVATE_THREADS,
      Permission.MANAGE_THREADS, Permission.MESSAGE_EMBED_LINKS, Permission.MESSAGE_ATTACH_FILES,
      Permission.MESSAGE_HISTORY);

  /** How often tickets are looked at for the first-response notice and the idle close. */
  static java.time.Duration sweepEvery(TicketOptions tickets) {
    long shortest = Math.min(tickets.firstResponse().toMillis(), tickets.idleClose().toMillis());
    return java.time.Duration.ofMillis(Math.max(200, Math.min(30_000, shortest / 10)));
  }

  /** Guild and DM messages; Message Content (privileged) only to read questions in support channels. */
  public static final EnumSet<GatewayIntent> INTENTS = EnumSet.of(GatewayIntent.GUILD_MESSAGES,
      GatewayIntent.DIRECT_MESSAGES, GatewayIntent.MESSAGE_CONTENT);

  /** Gateway silence past this (about three heartbeats) makes the bot unhealthy. */
  static final Duration MAX_SILENCE = Duration.ofMinutes(2);

  private final ShardManager shards;
  private final Backlog backlog;
  private final MessageLanes lanes;
  private final Duration grace;
  private final OfframpListener listener;
  private final java.util.List<AutoCloseable> alsoClose = new java.util.ArrayList<>(); // guarded by itself
  private boolean closed; // guarded by alsoClose
  private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();

  private DiscordFront(ShardManager shards, Backlog backlog, MessageLanes lanes, Duration grace, OfframpListener listener) {
    this.shards = shards;
    this.backlog = backlog;
    this.lanes = lanes;
    this.grace = grace;
    this.listener = listener;
  }

  /** Whether the bot is serving: connected, and heard from the gateway lately. */
  public record Health(boolean ok, String reason) {}

  public Health health() {
    for (JDA shard : shards.getShards()) {
      if (shard.getStatus() != JDA.Status.CONNECTED) {
        return new Health(false, "shard " + shard.getShardInfo().getShardId() + ": gateway "
            + shard.getStatus().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
      }
    }
    long silentFor = System.nanoTime() - listener.lastEventNanos();
    if (silentFor > MAX_SILENCE.toNanos()) {
      return new Health(false, "no gateway event for " + Duration.ofNanos(silentFor).toSeconds() + " s");
    }
    return new Health(true, "connected");
  }

  public static DiscordFront start(DiscordOptions options, Conversations conversations, boolean shutdownHook)
      throws InterruptedException {
    return start(options, conversations, shutdownHook, DiscordTelemetry.NONE, StatsSource.NONE);
  }

  /** Starts JDA and returns once connected; commands are registered in the background. */
  public static DiscordFront start(DiscordOptions options, Conversations conversations, boolean shutdownHook,
      DiscordTelemetry telemetry, StatsSource stats) throws InterruptedException {
    return start(options, conversations, shutdownHook, telemetry, stats, app.offramp.core.port.out.TicketObserver.NONE);
  }

  /** As above, telling {@code ticketObserver} (insights, metrics) of every ticket opened, answered, claimed, closed, rated. */
  public static DiscordFront start(DiscordOptions options, Conversations conversations, boolean shutdownHook,
      DiscordTelemetry telemetry, StatsSource stats, app.offramp.core.port.out.TicketObserver ticketObserver)
      throws InterruptedException {
    return start(options, conversations, shutdownHook, telemetry, stats, ticketObserver,
        app.offramp.core.port.in.Review.NONE_AVAILABLE);
  }

  /** As above, with {@code /offramp review} answered by {@code review}. */
  public static DiscordFront start(DiscordOptions options, Conversations conversations, boolean shutdownHook,
      DiscordTelemetry telemetry, StatsSource stats, app.offramp.core.port.out.TicketObserver ticketObserver,
      app.offramp.core.port.in.Review review) throws InterruptedException {
    // Nothing the bot sends may ping by default; the staff call opts in to its one role.
    MessageRequest.setDefaultMentions(EnumSet.noneOf(Message.MentionType.class));
    FloodGuard flood = new FloodGuard(options.floodMax(), options.floodWindow(), Ticker.systemTicker());
    // /offramp reload (reads files, fits the matcher: seconds) and stats (reads the insights database)
    // run here, never on JDA's event thread.
    ExecutorService admin = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "offramp-admin");
      t.setDaemon(true);
      return t;
    });
    Backlog backlog = new Backlog(options.maxPendingPerChannel());
    MessageLanes lanes = MessageLanes.perCore();
    Tickets tickets = new Tickets(conversations, options, new StaffPings(options.staffCooldown(), Ticker.systemTicker()),
        ticketObserver, java.time.Clock.systemUTC());
    OfframpListener listener = OfframpListener.create(conversations, options, flood, admin, backlog, lanes, telemetry,
        stats, tickets, review);
    ShardManager shards = DefaultShardManagerBuilder.createLight(options.token(), INTENTS)
        .disableCache(EnumSet.allOf(CacheFlag.class))
        .setMemberCachePolicy(MemberCachePolicy.NONE)
        .setRestConfig(new RestConfig().setBaseUrl(options.restUrl()))
        // JDA waits out rate limits itself; this only counts them for the metrics.
        .setHttpClientBuilder(new okhttp3.OkHttpClient.Builder().addInterceptor(chain -> {
          okhttp3.Response response = chain.proceed(chain.request());
          if (response.code() == 429) {
            telemetry.rateLimited();
          }
          return response;
        }))
        // Guild events arrive on shard (guild_id >> 22) % total, DMs on shard 0: Discord routes them,
        // so each process only says which shards it runs and how many there are in all.
        .setShardsTotal(options.shardsTotal())
        .setShards(options.shardIds())
        .setSessionController(new SessionControllerAdapter() {
          @Override
          public String getGateway() {
            return options.gatewayUrl();
          }

          @Override
          public ShardedGateway getShardedGateway(JDA api) {
            // The configured gateway (a proxy or an emulator can stand in) and the configured count.
            return new ShardedGateway(options.gatewayUrl(), options.shardsTotal(), 1);
          }
        })
        .setEnableShutdownHook(shutdownHook)
        .addEventListeners(listener)
        .build();
    for (JDA shard : shards.getShards()) {
      shard.awaitReady();
    }
    DiscordFront front = new DiscordFront(shards, backlog, lanes, options.shutdownGrace(), listener);
    tickets.connected(shards);
    TicketChecks.problems(shards, options).forEach(problem -> LOG.warn("tickets: {}", problem));
    java.util.concurrent.ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "offramp-tickets");
      t.setDaemon(true);
      return t;
    });
    long every = sweepEvery(options.tickets()).toMillis();
    sweeper.scheduleWithFixedDelay(() -> {
      try {
        tickets.sweep();
      } catch (RuntimeException e) {
        LOG.warn("ticket sweep failed: {}", e.toString());
      }
    }, every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
    front.closeAlso(sweeper::shutdownNow);
    // Guild commands go through the shard that holds the guild (its cache knows it), global ones
    // through any shard. A guild on a shard another process runs is that process's to register.
    boolean guildElsewhere = options.guildId()
        .map(g -> !options.shardIds().contains((int) ((g >> 22) % options.shardsTotal()))).orElse(false);
    if (guildElsewhere) {
      LOG.info("discord.guild-id is on a shard another process runs; that process registers the commands");
    } else {
      JDA registrar = options.guildId().map(shards::getGuildById).map(net.dv8tion.jda.api.entities.Guild::getJDA)
          .orElse(shards.getShards().get(0));
      SlashCommands.register(registrar, options.guildId(), conversations.commands(), conversations)
          .whenComplete((ok, error) -> {
            if (error != null) {
              LOG.warn("Discord refused the slash commands: {}", error.toString());
            }
          });
    }
    JDA any = shards.getShards().get(0);
    LOG.info("Connected as {} (shards {} of {}). Invite: {}", any.getSelfUser().getName(), options.shardIds(),
        options.shardsTotal(), any.getInviteUrl(PERMISSIONS));
    return front;
  }

  /**
   * Closed after the front, on shutdown (the ops server, say); closed now when the front already
   * is (what finished opening while the bot was being stopped).
   */
  public void closeAlso(AutoCloseable resource) {
    synchronized (alsoClose) {
      if (!closed) {
        alsoClose.add(resource);
        return;
      }
    }
    closeQuietly(resource);
  }

  /** The first shard this process runs (the only one of a bot with one shard). */
  public JDA jda() {
    return shards.getShards().stream().min(java.util.Comparator.comparingInt(j -> j.getShardInfo().getShardId()))
        .orElseThrow();
  }

  public ShardManager shards() {
    return shards;
  }

  /**
   * Returns once every shard has shut down: on SIGTERM, or when Discord ends the session for good
   * (a revoked token, say).
   */
  public void awaitShutdown() throws InterruptedException {
    for (JDA shard : shards.getShards()) {
      shard.awaitShutdown();
    }
  }

  /**
   * Stops taking new questions, lets every reply under way go out (threads get their first message)
   * within {@code shutdown.grace}, logs how many did not, then lets JDA send what is queued and
   * disconnects.
   */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return; // a second stop (the shutdown hook after a failed start, say) has nothing left to do
    }
    backlog.stop();
    try {
      long deadline = System.nanoTime() + grace.toNanos();
      // Messages being understood finish first (they may start a reply); queued ones see "stopping".
      lanes.stop(grace);
      int unsent = backlog.awaitIdle(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      // One line that accounts for every question the shutdown touched, for whoever reads the log.
      LOG.info("stopped taking questions: {} replies not sent after {}; {} questions left to humans ({} arrived while "
          + "stopping, {} found their channel's backlog full, {} found the bot overloaded)", unsent, grace,
          backlog.refusedWhileStopping() + lanes.arrivedAfterStop() + backlog.refused() + lanes.dropped(),
          backlog.refusedWhileStopping() + lanes.arrivedAfterStop(), backlog.refused(), lanes.dropped());
      if (unsent > 0) {
        LOG.warn("shutting down with {} replies not sent after {}", unsent, grace);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    shards.shutdown();
    try {
      for (JDA shard : shards.getShards()) {
        if (!shard.awaitShutdown(Duration.ofSeconds(10))) {
          shard.shutdownNow();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      shards.getShards().forEach(JDA::shutdownNow);
    }
    java.util.List<AutoCloseable> resources;
    synchronized (alsoClose) {
      closed = true;
      resources = java.util.List.copyOf(alsoClose);
    }
    resources.forEach(DiscordFront::closeQuietly);
  }

  private static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      LOG.warn("closing {} failed: {}", resource.getClass().getSimpleName(), e.toString());
    }
  }
}
