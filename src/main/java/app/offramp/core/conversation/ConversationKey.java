package app.offramp.core.conversation;

import java.util.Objects;

/**
 * Whose conversation, and where: a member can hold separate conversations in two threads, or in a
 * thread and a DM. Both parts are opaque strings to the core (the Discord front uses ids).
 */
public record ConversationKey(String memberId, String placeId) {
  public ConversationKey {
    Objects.requireNonNull(memberId, "memberId");
    Objects.requireNonNull(placeId, "placeId");
  }
}
