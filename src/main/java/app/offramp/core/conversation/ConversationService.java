package app.offramp.core.conversation;

import java.util.concurrent.atomic.AtomicReference;

/**
 * What fronts call: runs each input through the engine inside the store's atomic update. The
 * engine can be swapped (reloaded intents) while conversations go on.
 */
public final class ConversationService {
  private final AtomicReference<ConversationEngine> engine;
  private final ConversationStore store;

  public ConversationService(ConversationEngine engine, ConversationStore store) {
    this.engine = new AtomicReference<>(engine);
    this.store = store;
  }

  public Reply handle(ConversationKey key, Input input) {
    ConversationEngine current = engine.get();
    return store.apply(key, state -> current.handle(state, input)).reply();
  }

  public void reset(ConversationKey key) {
    store.remove(key);
  }

  public ConversationEngine engine() {
    return engine.get();
  }

  /** Swaps in an engine built from reloaded intents; conversations in flight keep their state. */
  public void replaceEngine(ConversationEngine next) {
    engine.set(next);
  }

  public ConversationStore store() {
    return store;
  }
}
