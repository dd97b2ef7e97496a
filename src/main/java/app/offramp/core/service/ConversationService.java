package app.offramp.core.service;

import app.offramp.core.conversation.ConversationEngine;
import app.offramp.core.conversation.ConversationKey;
import app.offramp.core.conversation.ConversationStore;
import app.offramp.core.conversation.Input;
import app.offramp.core.conversation.Reply;
import app.offramp.core.conversation.Turn;

import app.offramp.core.intent.Intent;
import app.offramp.core.intent.IntentCatalog;
import app.offramp.core.intent.IntentLoadException;
import app.offramp.core.intent.Problem;
import app.offramp.core.intent.SlotValue;
import app.offramp.core.port.in.CommandSpec;
import app.offramp.core.port.in.Conversations;
import app.offramp.core.port.in.PreparedReload;
import app.offramp.core.port.out.TurnEvent;
import app.offramp.core.port.out.TurnObserver;
import app.offramp.core.conversation.ConversationState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * The {@link Conversations} port: runs each input through the engine inside the store's atomic
 * update. The engine can be swapped (reloaded intents) while conversations go on.
 */
public final class ConversationService implements Conversations, AutoCloseable {
  private final AtomicReference<ConversationEngine> engine;
  private final ConversationStore store;
  private final Callable<ConversationEngine> reloader;
  private final List<TurnObserver> observers = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final java.time.Clock clock;

  /** @param reloader builds an engine from the intent files as they are now (for reloads) */
  public ConversationService(ConversationEngine engine, ConversationStore store, Callable<ConversationEngine> reloader) {
    this.engine = new AtomicReference<>(engine);
    this.store = store;
    this.reloader = reloader;
    this.clock = java.time.Clock.systemUTC();
  }

  /** The engine in use now. */
  public ConversationEngine engine() {
    return engine.get();
  }

  /** Puts {@code next} in use, as a committed reload does (lessons staff taught): conversations go on. */
  public void swap(ConversationEngine next) {
    engine.set(next);
  }

  /** {@code observer} is told of every turn from now on (metrics, insights). */
  public void addObserver(TurnObserver observer) {
    observers.add(observer);
  }

  public ConversationService(ConversationEngine engine, ConversationStore store) {
    this(engine, store, () -> {
      throw new IllegalStateException("this service was built without a reloader");
    });
  }

  @Override
  public Reply handle(ConversationKey key, Input input, Optional<String> locale) {
    ConversationEngine current = engine.get();
    ConversationState[] before = new ConversationState[1];
    try {
      Turn turn = store.apply(key, state -> {
        before[0] = state;
        return stamped(current, state, input, current.handle(state, input, key.where(), locale));
      });
      tell(current, key, input, before[0], turn);
      return turn.reply();
    } catch (ConversationStore.Unavailable e) {
      // No memory right now: a new question is still answered (and not remembered); anything that
      // needs the conversation so far (a button, "next", a number) is told it cannot go on yet.
      Turn fresh = stamped(current, null, input, current.handle(null, input, key.where(), locale));
      Turn turn = input instanceof Input.Text && understood(fresh.reply()) ? fresh : new Turn(null, current.cannotResume());
      tell(current, key, input, null, turn);
      return turn.reply();
    }
  }

  @Override
  public Optional<Reply> answerIfUnderstood(ConversationKey key, String text, BooleanSupplier admit,
      Optional<String> locale, boolean mentioned) {
    ConversationEngine current = engine.get();
    Reply[] sent = new Reply[1];
    // Asked once however many times the store runs the step: admitting takes a flood-guard count and
    // a slot of the channel's backlog, which must not be taken twice for one message.
    BooleanSupplier admitOnce = new BooleanSupplier() {
      private Boolean answer;

      @Override
      public boolean getAsBoolean() {
        if (answer == null) {
          answer = admit.getAsBoolean();
        }
        return answer;
      }
    };
    Input input = new Input.Text(text);
    ConversationState[] before = new ConversationState[1];
    Turn[] ran = new Turn[1];
    try {
      store.apply(key, state -> {
        sent[0] = null;
        before[0] = state;
        Turn turn = stamped(current, state, input, current.handle(state, input, key.where(), locale));
        ran[0] = turn;
        if (understood(turn.reply()) && admitOnce.getAsBoolean()) {
          sent[0] = turn.reply();
          return turn;
        }
        return new Turn(state, turn.reply()); // not understood, or not admitted: nothing changes
      });
    } catch (ConversationStore.Unavailable e) {
      Turn fresh = current.handle(null, input, key.where(), locale);
      before[0] = null;
      ran[0] = fresh;
      sent[0] = understood(fresh.reply()) && admitOnce.getAsBoolean() ? fresh.reply() : null;
    }
    // Counted when answered, or not understood (a question nobody answered); a message understood
    // but not admitted (flood, full backlog) is the front's to count.
    if (sent[0] != null) {
      tell(current, key, input, before[0], ran[0]);
    } else if (!understood(ran[0].reply())) {
      boolean asked = mentioned || current.asks(text);
      tell(current, key, input, before[0], ran[0], asked ? Optional.empty() : Optional.of(TurnEvent.Outcome.CHATTER));
    }
    return Optional.ofNullable(sent[0]);
  }

  /**
   * The engine's turn with what the service keeps across turns: when the conversation started and
   * the step "It didn't work" was last pressed on (the engine rebuilds states without them), and,
   * on a reply to a member who asked for a person, what staff need to know.
   */
  private Turn stamped(ConversationEngine current, ConversationState before, Input input, Turn turn) {
    Reply reply = turn.reply();
    if (reply.intentId().filter(IntentCatalog.HUMAN_ID::equals).isPresent() && reply.kind() != Reply.Kind.LEFT_TO_STAFF) {
      reply = reply.withHandoff(current.handoff(before));
    }
    ConversationState after = turn.state();
    if (after != null) {
      long started = before != null && before.startedAt() > 0 ? before.startedAt() : clock.millis();
      int trouble = before == null ? 0 : before.troubleStep();
      if (before != null && before.phase() == ConversationState.Phase.STEPPING
          && current.choiceOf(before, input).filter(ConversationEngine.DIDNT_WORK::equals).isPresent()) {
        trouble = before.step() + 1;
      }
      after = after.withHistory(started, trouble);
    }
    return new Turn(after, reply);
  }

  @Override
  public void release(ConversationKey key) {
    try {
      store.apply(key, state -> new Turn(state == null ? null : state.released(),
          new Reply("", Optional.empty(), List.of(), Optional.empty(), false, Optional.empty(), 0, Reply.Kind.LEFT_TO_STAFF)));
    } catch (ConversationStore.Unavailable e) {
      // nothing to release: without memory the bot answers every question anyway
    }
  }

  @Override
  public String language(String text) {
    return app.offramp.core.match.LanguageGuess.of(text);
  }

  @Override
  public String text(String key, Object... args) {
    return engine.get().text(key, args);
  }

  @Override
  public String textIn(String language, String key, Object... args) {
    return engine.get().text(language, key, args);
  }

  private void tell(ConversationEngine current, ConversationKey key, Input input, ConversationState before, Turn turn) {
    tell(current, key, input, before, turn, Optional.empty());
  }

  /** @param counted the outcome to count instead of the reply's (chatter, for a message nobody asked the bot) */
  private void tell(ConversationEngine current, ConversationKey key, Input input, ConversationState before, Turn turn,
      Optional<TurnEvent.Outcome> counted) {
    if (observers.isEmpty()) {
      return;
    }
    ConversationState after = turn.state();
    Reply reply = turn.reply();
    Optional<String> choice = current.choiceOf(before, input);
    boolean stepping = before != null && before.phase() == ConversationState.Phase.STEPPING;
    TurnEvent.Outcome outcome = counted.isPresent() ? counted.get() : switch (reply.kind()) {
      case ANSWER, QUESTION -> choice.isPresent() && !choice.get().startsWith("intent:") ? TurnEvent.Outcome.CONTINUED
          : TurnEvent.Outcome.ANSWERED;
      case DID_YOU_MEAN -> TurnEvent.Outcome.AMBIGUOUS;
      case NO_MATCH -> TurnEvent.Outcome.UNANSWERED;
      case SMALL_TALK -> TurnEvent.Outcome.SMALL_TALK;
      default -> TurnEvent.Outcome.OTHER;
    };
    Optional<TurnEvent.Milestone> milestone = Optional.empty();
    if (stepping && choice.filter(ConversationEngine.DONE::equals).isPresent()) {
      milestone = Optional.of(TurnEvent.Milestone.FINISHED);
    } else if (stepping && choice.filter(ConversationEngine.STOP::equals).isPresent()) {
      milestone = Optional.of(TurnEvent.Milestone.STOPPED);
    } else if (stepping && choice.filter(ConversationEngine.DIDNT_WORK::equals).isPresent()) {
      milestone = Optional.of(TurnEvent.Milestone.DIDNT_WORK);
    } else if (before != null && choice.filter(ConversationEngine.HELPED::equals).isPresent()) {
      milestone = Optional.of(TurnEvent.Milestone.HELPFUL);
    } else if (before != null && choice.filter(ConversationEngine.DID_NOT_HELP::equals).isPresent()) {
      milestone = Optional.of(TurnEvent.Milestone.NOT_HELPFUL);
    } else if (after != null && after.phase() == ConversationState.Phase.STEPPING && after.step() == 0
        && !(stepping && before.intentId().equals(after.intentId()) && before.slotValue().equals(after.slotValue()))) {
      milestone = Optional.of(TurnEvent.Milestone.STARTED);
    }
    TurnEvent event = new TurnEvent(clock.instant(), key, input, reply, outcome, milestone,
        stepping ? Optional.of(before.step()) : Optional.empty(),
        after != null && !after.slotValue().isEmpty() ? after.slotValue() : before != null ? before.slotValue() : "",
        stepping || milestone.filter(m -> m == TurnEvent.Milestone.HELPFUL || m == TurnEvent.Milestone.NOT_HELPFUL)
            .isPresent() ? before.intentId()
            : after != null && after.phase() == ConversationState.Phase.STEPPING ? after.intentId() : "");
    for (TurnObserver observer : observers) {
      try {
        observer.observe(event);
      } catch (RuntimeException e) {
        // An observer's failure is its own: the member's reply goes out regardless.
        org.slf4j.LoggerFactory.getLogger(ConversationService.class).warn("turn observer failed: {}", e.toString());
      }
    }
  }

  private static boolean understood(Reply reply) {
    return reply.kind() == Reply.Kind.ANSWER || reply.kind() == Reply.Kind.QUESTION;
  }

  @Override
  public Reply command(ConversationKey key, String commandName, Map<String, String> options, Optional<String> locale) {
    Optional<Intent> intent = intentFor(engine.get().catalog(), commandName);
    if (intent.isEmpty()) {
      return new Reply(engine.get().text("notice.command_gone"), Optional.empty(), List.of(), Optional.empty(), false,
          Optional.empty(), 0, Reply.Kind.NOTICE);
    }
    return handle(key, new Input.Command(intent.get().id(), options), locale);
  }

  @Override
  public boolean isActive(ConversationKey key) {
    try {
      return store.get(key).isPresent();
    } catch (ConversationStore.Unavailable e) {
      return false; // unknown: treated as no conversation, so only questions the bot understands are answered
    }
  }

  @Override
  public void reset(ConversationKey key) {
    try {
      store.remove(key);
    } catch (ConversationStore.Unavailable e) {
      // It expires on its own (the store's TTL); a reset cannot fail a member's command.
    }
  }

  @Override
  public List<CommandSpec> commands() {
    return commands(engine.get().catalog());
  }

  @Override
  public java.util.SortedSet<String> languages() {
    return engine.get().languages();
  }

  @Override
  public List<CommandSpec> commands(String language) {
    return commands(engine.get().catalog().in(language));
  }

  @Override
  public PreparedReload prepareReload() {
    try {
      ConversationEngine next = reloader.call();
      IntentCatalog catalog = next.catalog();
      String summary = catalog.intents().size() + " intents, " + catalog.exampleCount() + " examples";
      return new Prepared(true, summary, List.of(), commands(catalog), () -> engine.set(next));
    } catch (IntentLoadException e) {
      return failed(e.problems().stream().map(Problem::toString).toList());
    } catch (Exception e) {
      return failed(List.of("could not read the intent files: " + e.getClass().getSimpleName()));
    }
  }

  private static PreparedReload failed(List<String> problems) {
    return new Prepared(false, problems.size() + " problem(s)", problems, List.of(), () -> {
      throw new IllegalStateException("a failed reload has nothing to commit");
    });
  }

  private record Prepared(boolean ok, String summary, List<String> problems, List<CommandSpec> commands, Runnable swap)
      implements PreparedReload {
    @Override
    public void commit() {
      swap.run();
    }
  }

  public static List<CommandSpec> commands(IntentCatalog catalog) {
    List<CommandSpec> specs = new ArrayList<>();
    for (Intent intent : catalog.intents()) {
      intent.command().ifPresent(c -> specs.add(new CommandSpec(c.name(), c.description(), intent.slot().map(slot ->
          new CommandSpec.Option(slot.name(), slot.description(), slot.values().stream()
              .map((SlotValue v) -> new CommandSpec.Choice(v.label(), v.id())).toList())))));
    }
    return specs;
  }

  private static Optional<Intent> intentFor(IntentCatalog catalog, String commandName) {
    return catalog.intents().stream()
        .filter(i -> i.command().map(c -> c.name().equals(commandName)).orElse(false)).findFirst();
  }

  /** Closes the store when it holds a connection (Redis). */
  @Override
  public void close() {
    if (store instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(ConversationService.class).warn("closing the store failed: {}", e.toString());
      }
    }
  }

  /** The store's failures so far, for metrics. */
  public long storeErrors() {
    return store.errors();
  }

  /** Why the conversation store is failing now, or empty while it works (for /healthz). */
  public Optional<String> storeDegraded() {
    return store.degraded();
  }

  /** The store's size, for benchmarks and metrics. */
  public long activeConversations() {
    return store.size();
  }
}
