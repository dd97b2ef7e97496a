package app.offramp.core.conversation;

import java.util.Optional;
import java.util.function.Function;

/** Per-member conversation state (a port: the core defines it, an adapter implements it). */
public interface ConversationStore {
  /**
   * Applies one turn atomically: {@code step} sees the current state (null when there is none or
   * it expired) and no other update of the same key runs until it returns. A null state in the
   * returned turn removes the conversation.
   */
  Turn apply(ConversationKey key, Function<ConversationState, Turn> step);

  Optional<ConversationState> get(ConversationKey key);

  void remove(ConversationKey key);

  long size();
}
