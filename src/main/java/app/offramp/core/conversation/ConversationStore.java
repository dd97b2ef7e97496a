package app.offramp.core.conversation;

import java.util.Optional;
import java.util.function.Function;

/**
 * Per-member conversation state (a port: the core defines it, an adapter implements it). A store
 * kept elsewhere (Redis) can be out of reach: then its methods throw {@link Unavailable}, and the
 * service answers without memory rather than not at all.
 */
public interface ConversationStore {
  /** The store cannot be reached right now; nothing was read or written. */
  final class Unavailable extends RuntimeException {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Applies one turn atomically: {@code step} sees the current state (null when there is none or
   * it expired) and no other update of the same key runs until it returns. A null state in the
   * returned turn removes the conversation. A store that checks and retries (compare-and-set) may
   * call {@code step} more than once; only the last call's turn is kept.
   */
  Turn apply(ConversationKey key, Function<ConversationState, Turn> step);

  Optional<ConversationState> get(ConversationKey key);

  void remove(ConversationKey key);

  long size();

  /** Why the store is failing right now (out of reach since its last success), or empty while it works. */
  default java.util.Optional<String> degraded() {
    return java.util.Optional.empty();
  }

  /** Failures so far (a store out of reach), for metrics; a store in this process has none. */
  default long errors() {
    return 0;
  }
}
