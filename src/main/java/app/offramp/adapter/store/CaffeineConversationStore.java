package app.offramp.adapter.store;

import app.offramp.core.conversation.ConversationKey;
import app.offramp.core.conversation.ConversationState;
import app.offramp.core.conversation.ConversationStore;
import app.offramp.core.conversation.Turn;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Conversation state in a Caffeine cache: entries expire after a period without activity and the
 * cache is bounded in size, so abandoned conversations never pile up. Time comes from the injected
 * {@link Ticker}, so tests advance a fake clock.
 *
 * <p>A turn runs under a lock of its key's stripe (one of {@value #STRIPES}), not inside
 * {@code asMap().compute}: a turn includes matching, milliseconds of sentence-model work, and a
 * compute holds a lock on a bin of the cache's hash table for that long, which stalled other
 * members' turns in the same bin and the table's resizing (11–19 ms waits seen while conversations
 * piled up at start-up). Every write of a key goes through its stripe, so a key's turns still run
 * one at a time; an expired entry reads as absent.
 */
public final class CaffeineConversationStore implements ConversationStore {
  public static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);
  public static final long DEFAULT_MAX = 100_000;

  private static final int STRIPES = 256;

  private final Cache<ConversationKey, ConversationState> cache;
  private final Object[] stripes = new Object[STRIPES];

  public CaffeineConversationStore(Duration idleTimeout, long maxActive, Ticker ticker) {
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idle timeout is " + idleTimeout + "; expected a positive duration");
    }
    if (maxActive < 1) {
      throw new IllegalArgumentException("max active conversations is " + maxActive + "; expected at least 1");
    }
    this.cache = Caffeine.newBuilder()
        .expireAfterAccess(idleTimeout)
        .maximumSize(maxActive)
        .ticker(ticker)
        .executor(Runnable::run)
        .build();
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Object();
    }
  }

  public CaffeineConversationStore() {
    this(DEFAULT_IDLE, DEFAULT_MAX, Ticker.systemTicker());
  }

  @Override
  public Turn apply(ConversationKey key, Function<ConversationState, Turn> step) {
    synchronized (stripe(key)) {
      Turn turn = step.apply(cache.getIfPresent(key));
      if (turn.state() == null) {
        cache.invalidate(key);
      } else {
        cache.put(key, turn.state());
      }
      return turn;
    }
  }

  @Override
  public Optional<ConversationState> get(ConversationKey key) {
    return Optional.ofNullable(cache.getIfPresent(key));
  }

  @Override
  public void remove(ConversationKey key) {
    synchronized (stripe(key)) { // not between a turn's read and its write
      cache.invalidate(key);
    }
  }

  private Object stripe(ConversationKey key) {
    int h = key.hashCode();
    return stripes[(h ^ (h >>> 16)) & (STRIPES - 1)];
  }

  @Override
  public long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }
}
