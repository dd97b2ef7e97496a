package app.offramp.adapter.ops;

import app.offramp.core.conversation.Input;
import app.offramp.core.port.out.TurnEvent;
import app.offramp.core.port.out.TurnObserver;
import app.offramp.front.discord.DiscordTelemetry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The bot's metrics, in Prometheus's text format. Names and labels (all under {@code offramp_}):
 * <ul>
 *   <li>{@code questions_total{outcome}}: answered, ambiguous, unanswered, small_talk (from the
 *       core's turns), flood_dropped and backlog_full (from the front)
 *   <li>{@code answers_total{intent}}, {@code staff_calls_total{intent}}
 *   <li>{@code walkthroughs_total{event}}: started, finished, stopped, didnt_work
 *   <li>{@code reply_latency_seconds}: gateway event to Discord accepting the reply (histogram)
 *   <li>{@code discord_rate_limited_total}, {@code conversations_active}, {@code store_errors_total}
 * </ul>
 * Intent labels are bounded by the intent files (at most 5,000 examples in at most a few hundred
 * intents), so the label set cannot grow with members' input.
 */
public final class OpsMetrics implements TurnObserver, DiscordTelemetry, app.offramp.core.port.out.TicketObserver {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Timer latency;
  private final Counter rateLimited;

  /**
   * @param activeConversations how many conversations the store holds (read at each scrape)
   * @param storeErrors store failures so far (Redis unreachable), read at each scrape
   */
  private final LongSupplier activeConversations;
  private final LongSupplier storeErrors;

  public OpsMetrics(LongSupplier activeConversations, LongSupplier storeErrors) {
    // Micrometer holds a gauge's object weakly: held here, or the first GC turns the series to NaN
    // and freezes the counter (regression, issue 23).
    this.activeConversations = activeConversations;
    this.storeErrors = storeErrors;
    latency = Timer.builder("offramp.reply.latency").description("Gateway event to Discord accepting the reply")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry);
    rateLimited = Counter.builder("offramp.discord.rate.limited").description("Discord answers 429 Too Many Requests")
        .register(registry);
    Gauge.builder("offramp.conversations.active", this.activeConversations, OpsMetrics::read)
        .description("Conversations the store holds").register(registry);
    FunctionCounter.builder("offramp.store.errors", this.storeErrors, OpsMetrics::read)
        .description("Conversation store failures (Redis unreachable)").register(registry);
    for (String outcome : new String[] {"answered", "ambiguous", "unanswered", "small_talk", "flood_dropped", "backlog_full"}) {
      questions(outcome); // every outcome present from the start, at 0, so rates and alerts work at once
    }
  }

  /** A supplier's value; one that fails (a store out of reach) reads as not known. */
  private static double read(LongSupplier supplier) {
    try {
      return supplier.getAsLong();
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  private Counter questions(String outcome) {
    return Counter.builder("offramp.questions").description("Members' questions by outcome").tag("outcome", outcome)
        .register(registry);
  }

  @Override
  public void observe(TurnEvent event) {
    boolean question = event.input() instanceof Input.Text || event.input() instanceof Input.Command;
    switch (event.outcome()) {
      case ANSWERED -> {
        if (question) {
          questions("answered").increment();
        }
        event.reply().intentId().ifPresent(intent -> Counter.builder("offramp.answers").description("Answers by intent")
            .tag("intent", intent).register(registry).increment());
      }
      case AMBIGUOUS -> questions("ambiguous").increment();
      case UNANSWERED -> questions("unanswered").increment();
      case SMALL_TALK -> questions("small_talk").increment();
      default -> { }
    }
    if (event.reply().callStaff()) {
      Counter.builder("offramp.staff.calls").description("Staff called in, by intent")
          .tag("intent", event.reply().intentId().orElse("none")).register(registry).increment();
    }
    event.walkThrough().ifPresent(m -> Counter.builder("offramp.walkthroughs").description("Walk-through milestones")
        .tag("event", m.name().toLowerCase(Locale.ROOT)).register(registry).increment());
  }

  @Override
  public void floodDropped() {
    questions("flood_dropped").increment();
  }

  @Override
  public void backlogFull() {
    questions("backlog_full").increment();
  }

  @Override
  public void replied(long nanos) {
    latency.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void rateLimited() {
    rateLimited.increment();
  }

  /** The Prometheus text exposition of every metric. */
  public String scrape() {
    return registry.scrape();
  }

  /**
   * Tickets: opened by place, claimed, closed by whom; the time to first staff response and to
   * close as summaries with median and p90 (a Prometheus summary's quantiles); ratings by topic.
   */
  @Override
  public void ticket(app.offramp.core.port.out.TicketEvent event) {
    String topic = event.topic().isEmpty() ? "none" : event.topic();
    switch (event.kind()) {
      case OPENED -> Counter.builder("offramp.tickets.opened").description("Tickets opened, by where the member asked")
          .tag("place", event.place()).register(registry).increment();
      case CLAIMED -> Counter.builder("offramp.tickets.claimed").description("Tickets claimed by staff")
          .register(registry).increment();
      case FIRST_RESPONSE -> event.sinceOpened().ifPresent(d -> io.micrometer.core.instrument.Timer
          .builder("offramp.tickets.first.response").description("Time from a ticket's opening to staff's first message")
          .publishPercentiles(0.5, 0.9).register(registry).record(d));
      case CLOSED -> {
        Counter.builder("offramp.tickets.closed").description("Tickets closed, by whom (staff, member, idle)")
            .tag("by", event.closedBy().orElse("unknown")).register(registry).increment();
        event.sinceOpened().ifPresent(d -> io.micrometer.core.instrument.Timer.builder("offramp.tickets.close")
            .description("Time from a ticket's opening to its close").publishPercentiles(0.5, 0.9).register(registry)
            .record(d));
      }
      case RATED -> event.rating().ifPresent(r -> io.micrometer.core.instrument.DistributionSummary
          .builder("offramp.tickets.rating").description("Members' ratings of a closed ticket (1-5), by topic")
          .tag("topic", topic).register(registry).record(r));
      default -> { }
    }
  }
}
