package app.offramp.front.discord;

import java.util.Optional;

/**
 * Button custom ids: {@code o:<owner user id>:<choice id>}. The owner lets a click by anyone else
 * be refused without a lookup; the choice id is the engine's. Always within Discord's 100 chars.
 */
final class CustomIds {
  private static final String PREFIX = "o:";

  record Parsed(long ownerId, String choiceId) {}

  private CustomIds() {}

  static String encode(long ownerId, String choiceId) {
    String id = PREFIX + Long.toUnsignedString(ownerId) + ":" + choiceId;
    if (id.length() > DiscordLimits.CUSTOM_ID) {
      throw new IllegalArgumentException("custom id would be " + id.length() + " chars; Discord allows " + DiscordLimits.CUSTOM_ID);
    }
    return id;
  }

  static Optional<Parsed> decode(String customId) {
    if (customId == null || !customId.startsWith(PREFIX)) {
      return Optional.empty();
    }
    int colon = customId.indexOf(':', PREFIX.length());
    if (colon < 0) {
      return Optional.empty();
    }
    try {
      long owner = Long.parseUnsignedLong(customId.substring(PREFIX.length(), colon));
      return Optional.of(new Parsed(owner, customId.substring(colon + 1)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
