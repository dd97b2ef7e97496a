package app.offramp.core.conversation;

import java.util.Objects;

/**
 * Whose conversation, and where: a member can hold separate conversations in two threads, or in a
 * thread and a DM. Both parts are opaque strings to the core (the Discord front uses ids).
 *
 * <p>A class rather than a record because it is stored once per active conversation: a part that
 * is a canonical unsigned decimal (every Discord snowflake) is kept as a {@code long} instead of a
 * String, which takes a key from about 150 bytes to 40. Any other text is kept as it is. Equality
 * follows the strings: one string always takes the same form, so comparing forms compares strings.
 */
public final class ConversationKey {
  /**
   * Where the message that carries this key was written, as the front saw it: for counting (the
   * insights report), not part of the key's identity (a conversation is the same whichever way
   * the member reaches it).
   */
  public enum Where { CONSOLE, DM, SUPPORT_CHANNEL, THREAD, CHANNEL, SLASH, UNKNOWN }

  private final long member;
  private final Where where;
  private final long place;
  /** The member part when it is not a canonical number, else null. */
  private final String memberText;
  /** The place part when it is not a canonical number, else null. */
  private final String placeText;

  public ConversationKey(String memberId, String placeId) {
    this(memberId, placeId, Where.UNKNOWN);
  }

  public ConversationKey(String memberId, String placeId, Where where) {
    this.where = Objects.requireNonNull(where, "where");
    Objects.requireNonNull(memberId, "memberId");
    Objects.requireNonNull(placeId, "placeId");
    this.memberText = asNumber(memberId) == null ? memberId : null;
    this.member = memberText == null ? asNumber(memberId) : 0;
    this.placeText = asNumber(placeId) == null ? placeId : null;
    this.place = placeText == null ? asNumber(placeId) : 0;
  }

  public String memberId() {
    return memberText != null ? memberText : Long.toUnsignedString(member);
  }

  public Where where() {
    return where;
  }

  public String placeId() {
    return placeText != null ? placeText : Long.toUnsignedString(place);
  }

  /** The unsigned value of {@code s} when {@code s} is exactly how that value prints, else null. */
  private static Long asNumber(String s) {
    int n = s.length();
    if (n == 0 || n > 20 || (n > 1 && s.charAt(0) == '0')) {
      return null;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
    }
    try {
      return Long.parseUnsignedLong(s);
    } catch (NumberFormatException tooBig) {
      return null;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConversationKey k && member == k.member && place == k.place
        && Objects.equals(memberText, k.memberText) && Objects.equals(placeText, k.placeText);
  }

  @Override
  public int hashCode() {
    int m = memberText != null ? memberText.hashCode() : Long.hashCode(member);
    int p = placeText != null ? placeText.hashCode() : Long.hashCode(place);
    return 31 * m + p;
  }

  @Override
  public String toString() {
    return "ConversationKey[memberId=" + memberId() + ", placeId=" + placeId() + "]";
  }
}
