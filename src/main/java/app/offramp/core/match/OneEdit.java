package app.offramp.core.match;

/**
 * Whether two words are at most one typo apart: one insertion, deletion, substitution, or swap of
 * two neighbours ("nexy" / "next", "bakc" / "back", "spotfy" / "spotify"). Linear in the length.
 */
public final class OneEdit {
  private OneEdit() {}

  public static boolean within(String a, String b) {
    int la = a.length();
    int lb = b.length();
    if (Math.abs(la - lb) > 1) {
      return false;
    }
    int i = 0;
    while (i < la && i < lb && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    if (la == lb) {
      if (i == la || a.regionMatches(i + 1, b, i + 1, la - i - 1)) {
        return true; // the same, or one substitution
      }
      return i + 1 < la && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
          && a.regionMatches(i + 2, b, i + 2, la - i - 2); // a swap of neighbours
    }
    return la > lb ? a.regionMatches(i + 1, b, i, lb - i) : b.regionMatches(i + 1, a, i, la - i);
  }
}
