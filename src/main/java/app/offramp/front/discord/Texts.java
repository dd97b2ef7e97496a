package app.offramp.front.discord;

/** Cutting text to a limit without splitting a character: an emoji is two chars, never half of one. */
final class Texts {
  private Texts() {}

  /** At most {@code max} chars, ending in "…" when cut, never with a lone surrogate. */
  static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1; // room for the ellipsis
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--; // the pair would be split: leave the whole character out
    }
    return text.substring(0, end) + "…";
  }

  /** "Cancel Amazon Music · Ana": the topic, then the member, within Discord's thread-name limit. */
  static String threadName(String title, String member) {
    String name = member == null ? "" : member.strip();
    return cut(name.isEmpty() ? title : title + " · " + name, DiscordLimits.THREAD_NAME);
  }
}
