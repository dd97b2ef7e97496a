package app.offramp.core.match;

/**
 * Sets aside what carries no question before matching: Unicode emoji (with their skin tones,
 * joiners and variation selectors), Discord's custom and animated emoji ({@code <:name:id>},
 * {@code <a:name:id>}), {@code :shortcodes:}, mentions ({@code <@id>}, {@code <@&id>},
 * {@code <#id>}, @everyone, @here), URLs, code spans and blocks, markdown marks and runs of
 * punctuation ("???", "!!!"). Words are kept as written, and so is single punctuation.
 *
 * <p>One pass over the text, no backtracking regex: linear in the input whatever it holds, and the
 * input is cut at {@link #MAX_CHARS} (Discord's longest message) first.
 */
public final class MessageCleaner {
  /** Discord Nitro's message limit: nothing a member sends is longer. */
  public static final int MAX_CHARS = 4000;

  private MessageCleaner() {}

  public static String clean(String text) {
    if (text == null) {
      return "";
    }
    String s = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == '<') {
        int end = discordToken(s, i);
        if (end > i) {
          out.append(' ');
          i = end;
          continue;
        }
      }
      if (c == '`') {
        i = skipCode(s, i, out);
        continue;
      }
      if ((c == 'h' || c == 'H' || c == 'w' || c == 'W') && startsUrl(s, i) && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)))) {
        while (i < n && !Character.isWhitespace(s.charAt(i))) {
          i++;
        }
        out.append(' ');
        continue;
      }
      if (c == '@' && (s.startsWith("@everyone", i) || s.startsWith("@here", i))) {
        i += s.startsWith("@everyone", i) ? 9 : 5;
        out.append(' ');
        continue;
      }
      if (c == ':') {
        int end = shortcode(s, i);
        if (end > i) {
          out.append(' ');
          i = end;
          continue;
        }
      }
      int cp = s.codePointAt(i);
      int width = Character.charCount(cp);
      if (isEmoji(cp)) {
        out.append(' ');
      } else if (isMarkdownMark(c)) {
        out.append(' ');
      } else if (isRepeatablePunctuation(c) && i + 1 < n && s.charAt(i + 1) == c) {
        // A run ("???", "!!!", "...") is tone, not content: set aside like an emoji.
        out.append(' ');
        while (i + 1 < n && s.charAt(i + 1) == c) {
          i++;
        }
      } else {
        out.appendCodePoint(cp);
      }
      i += width;
    }
    return collapseSpaces(out);
  }

  /** {@code <:name:id>}, {@code <a:name:id>}, {@code <@id>}, {@code <@!id>}, {@code <@&id>}, {@code <#id>}, {@code <t:123:R>}: the index after it, or {@code start}. */
  private static int discordToken(String s, int start) {
    int n = s.length();
    int i = start + 1;
    int limit = Math.min(n, start + 100);
    if (i < n && (s.charAt(i) == '@' || s.charAt(i) == '#')) {
      i++;
      if (i < n && (s.charAt(i) == '!' || s.charAt(i) == '&')) {
        i++;
      }
      int digits = i;
      while (i < limit && Character.isDigit(s.charAt(i))) {
        i++;
      }
      return i > digits && i < n && s.charAt(i) == '>' ? i + 1 : start;
    }
    if (i < n && s.charAt(i) == 'a') {
      i++;
    }
    if (i < n && (s.charAt(i) == ':' || s.charAt(i) == 't' && i + 1 < n && s.charAt(i + 1) == ':')) {
      while (i < limit && s.charAt(i) != '>' && s.charAt(i) != '<' && !Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      return i < n && s.charAt(i) == '>' ? i + 1 : start;
    }
    return start;
  }

  /** {@code :pray:} style shortcodes, which some clients send unconverted. */
  private static int shortcode(String s, int start) {
    int i = start + 1;
    int limit = Math.min(s.length(), start + 34);
    while (i < limit && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    return i > start + 1 && i < s.length() && s.charAt(i) == ':' ? i + 1 : start;
  }

  /** Skips a code span or block; its content is code or a log, not the question. */
  private static int skipCode(String s, int start, StringBuilder out) {
    int ticks = 0;
    while (start + ticks < s.length() && s.charAt(start + ticks) == '`') {
      ticks++;
    }
    String fence = "`".repeat(ticks);
    int close = s.indexOf(fence, start + ticks);
    out.append(' ');
    return close < 0 ? start + ticks : close + ticks;
  }

  private static boolean startsUrl(String s, int i) {
    return s.regionMatches(true, i, "http://", 0, 7) || s.regionMatches(true, i, "https://", 0, 8)
        || s.regionMatches(true, i, "www.", 0, 4);
  }

  private static boolean isMarkdownMark(char c) {
    return c == '*' || c == '_' || c == '~' || c == '|' || c == '#' || c == '>';
  }

  private static boolean isRepeatablePunctuation(char c) {
    return c == '?' || c == '!' || c == '.' || c == ',' || c == '-' || c == '=';
  }

  static boolean isEmoji(int cp) {
    int type = Character.getType(cp);
    return type == Character.OTHER_SYMBOL && cp > 0xFF // ©, ® and ° stay: they are text
        || cp >= 0x1F000 && cp <= 0x1FAFF // emoji blocks, incl. modifiers and regional indicators
        || cp == 0x200D || cp == 0x20E3 // zero-width joiner, keycap
        || cp >= 0xFE00 && cp <= 0xFE0F // variation selectors
        || cp >= 0xE0020 && cp <= 0xE007F; // tag characters (flag sequences)
  }

  private static String collapseSpaces(StringBuilder s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || Character.getType(c) == Character.CONTROL) {
        space = out.length() > 0;
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }
}
