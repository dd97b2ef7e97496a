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
 * cache is bounded in size, so abandoned conversations never pile up. Updates go through
 * {@code asMap().compute}, which Caffeine runs atomically per key; an expired entry is seen as
 * absent there. Time comes from the injected {@link Ticker}, so tests advance a fake clock.
 */
public final class CaffeineConversationStore implements ConversationStore {
  public static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);
  public static final long DEFAULT_MAX = 100_000;

  private final Cache<ConversationKey, ConversationState> cache;

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
  }

  public CaffeineConversationStore() {
    this(DEFAULT_IDLE, DEFAULT_MAX, Ticker.systemTicker());
  }

  @Override
  public Turn apply(ConversationKey key, Function<ConversationState, Turn> step) {
    Turn[] result = new Turn[1];
    cache.asMap().compute(key, (k, current) -> {
      result[0] = step.apply(current);
      return result[0].state();
    });
    return result[0];
  }

  @Override
  public Optional<ConversationState> get(ConversationKey key) {
    return Optional.ofNullable(cache.getIfPresent(key));
  }

  @Override
  public void remove(ConversationKey key) {
    cache.invalidate(key);
  }

  @Override
  public long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }
}
