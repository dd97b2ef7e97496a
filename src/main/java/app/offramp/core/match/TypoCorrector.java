package app.offramp.core.match;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps an unknown word to the closest known one within a small edit distance (one edit for words of
 * 5 to 7 letters, two from 8), counting a swap of two neighbours as one edit, so "cancle" finds
 * "cancel" and "musik" finds "music". Short words are never corrected: too many are one edit apart.
 */
final class TypoCorrector {
  private static final int MIN_LENGTH = 5;
  /** A word seen once in the examples is too weak a target: "smart" would become "start". */
  private static final int MIN_FREQUENCY = 2;
  private final Map<Integer, List<String>> wordsByLength = new HashMap<>();
  private final Map<String, Integer> frequency;

  TypoCorrector(Map<String, Integer> frequency) {
    this.frequency = Map.copyOf(frequency);
    for (String word : frequency.keySet()) {
      wordsByLength.computeIfAbsent(word.length(), k -> new ArrayList<>()).add(word);
    }
  }

  Optional<String> correct(String word) {
    int len = word.length();
    if (len < MIN_LENGTH || len > 40) {
      return Optional.empty();
    }
    int budget = len >= 8 ? 2 : 1;
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (int l = len - budget; l <= len + budget; l++) {
      for (String candidate : wordsByLength.getOrDefault(l, List.of())) {
        if (candidate.length() < MIN_LENGTH || frequency.get(candidate) < MIN_FREQUENCY) {
          continue;
        }
        int d = distance(word, candidate, budget);
        if (d <= budget && (d < bestDistance || d == bestDistance && frequency.get(candidate) > frequency.get(best))) {
          best = candidate;
          bestDistance = d;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** Optimal string alignment distance, giving up (returning budget+1) once it exceeds budget. */
  static int distance(String a, String b, int budget) {
    int n = a.length();
    int m = b.length();
    if (Math.abs(n - m) > budget) {
      return budget + 1;
    }
    int[] prev2 = new int[m + 1];
    int[] prev = new int[m + 1];
    int[] cur = new int[m + 1];
    for (int j = 0; j <= m; j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= n; i++) {
      cur[0] = i;
      int rowMin = cur[0];
      for (int j = 1; j <= m; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, prev2[j - 2] + 1);
        }
        cur[j] = v;
        rowMin = Math.min(rowMin, v);
      }
      if (rowMin > budget) {
        return budget + 1;
      }
      int[] t = prev2;
      prev2 = prev;
      prev = cur;
      cur = t;
    }
    return prev[m];
  }
}
