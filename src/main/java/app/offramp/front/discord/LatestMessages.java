package app.offramp.front.discord;

import app.offramp.core.conversation.ConversationKey;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;

/**
 * The bot's latest message in each conversation. Buttons edit their message in place, so a click
 * on an older message (the conversation has moved on to a newer one) would replace that old
 * message with a reply about another topic; instead the member is pointed at the latest.
 */
final class LatestMessages {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LatestMessages.class);

  private final Cache<ConversationKey, Long> latest = Caffeine.newBuilder().expireAfterAccess(Duration.ofDays(1))
      .maximumSize(1_000_000).executor(Runnable::run).build();

  void sent(ConversationKey key, long messageId) {
    latest.put(key, messageId);
    LOG.debug("latest message in {} is {}", key.placeId(), messageId);
  }

  /** True when the bot has since sent a newer message in this conversation. */
  boolean isStale(ConversationKey key, long messageId) {
    return Optional.ofNullable(latest.getIfPresent(key)).map(id -> id != messageId).orElse(false);
  }
}
