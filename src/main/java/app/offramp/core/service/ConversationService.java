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
public final class ConversationService implements Conversations {
  private final AtomicReference<ConversationEngine> engine;
  private final ConversationStore store;
  private final Callable<ConversationEngine> reloader;

  /** @param reloader builds an engine from the intent files as they are now (for reloads) */
  public ConversationService(ConversationEngine engine, ConversationStore store, Callable<ConversationEngine> reloader) {
    this.engine = new AtomicReference<>(engine);
    this.store = store;
    this.reloader = reloader;
  }

  public ConversationService(ConversationEngine engine, ConversationStore store) {
    this(engine, store, () -> {
      throw new IllegalStateException("this service was built without a reloader");
    });
  }

  @Override
  public Reply handle(ConversationKey key, Input input) {
    ConversationEngine current = engine.get();
    try {
      return store.apply(key, state -> current.handle(state, input)).reply();
    } catch (ConversationStore.Unavailable e) {
      // No memory right now: a new question is still answered (and not remembered); anything that
      // needs the conversation so far (a button, "next", a number) is told it cannot go on yet.
      Reply fresh = current.handle(null, input).reply();
      return input instanceof Input.Text && understood(fresh) ? fresh : current.cannotResume();
    }
  }

  @Override
  public Optional<Reply> answerIfUnderstood(ConversationKey key, String text, BooleanSupplier admit) {
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
    try {
      store.apply(key, state -> {
        sent[0] = null;
        Turn turn = current.handle(state, new Input.Text(text));
        if (understood(turn.reply()) && admitOnce.getAsBoolean()) {
          sent[0] = turn.reply();
          return turn;
        }
        return new Turn(state, turn.reply()); // not understood, or not admitted: nothing changes
      });
    } catch (ConversationStore.Unavailable e) {
      Reply fresh = current.handle(null, new Input.Text(text)).reply();
      return understood(fresh) && admitOnce.getAsBoolean() ? Optional.of(fresh) : Optional.empty();
    }
    return Optional.ofNullable(sent[0]);
  }

  private static boolean understood(Reply reply) {
    return reply.kind() == Reply.Kind.ANSWER || reply.kind() == Reply.Kind.QUESTION;
  }

  @Override
  public Reply command(ConversationKey key, String commandName, Map<String, String> options) {
    Optional<Intent> intent = intentFor(engine.get().catalog(), commandName);
    if (intent.isEmpty()) {
      return new Reply("That command is no longer available.", Optional.empty(), List.of(), Optional.empty(), false,
          Optional.empty(), 0, Reply.Kind.NOTICE);
    }
    return handle(key, new Input.Command(intent.get().id(), options));
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

  /** The store's size, for benchmarks and metrics. */
  public long activeConversations() {
    return store.size();
  }
}
