package app.offramp.front.discord;

import java.time.Duration;

/** A duration as staff read it in a list or a notice: "2 d", "5 h", "15 min", "40 s". */
final class Durations {
  private Durations() {}

  static String words(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s >= 86_400 && s % 86_400 == 0 || s >= 3 * 86_400) {
      return s / 86_400 + " d";
    }
    if (s >= 3_600) {
      return s % 3_600 == 0 || s >= 10 * 3_600 ? s / 3_600 + " h" : s / 3_600 + " h " + s % 3_600 / 60 + " min";
    }
    if (s >= 60) {
      return s / 60 + " min";
    }
    return s + " s";
  }
}
