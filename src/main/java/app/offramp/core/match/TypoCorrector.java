package app.offramp.core.match;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps an unknown word to the closest known one within a small edit distance (one edit for words of
 * 5 to 7 letters, two from 8), counting a swap of two neighbours as one edit, so "cancle" finds
 * "cancel" and "musik" finds "music". Short words are never corrected: too many are one edit apart.
 *
 * <p>Candidates come from a deletion index, as in SymSpell: every known word is filed under each
 * string left by deleting up to two of its letters, and an unknown word looks up the strings left by
 * deleting up to two of its own. Two words within two edits share such a string, so the lookup finds
 * every candidate without scanning the vocabulary: the cost of a correction depends on the word's
 * length, not on how many words the examples use. Each candidate is then checked with the real
 * distance, on buffers reused per thread.
 */
final class TypoCorrector {
  private static final int MIN_LENGTH = 5;
  private static final int MAX_LENGTH = 40;
  private static final int MAX_EDITS = 2;
  /** A word seen once in the examples is too weak a target: "smart" would become "start". */
  private static final int MIN_FREQUENCY = 2;
  private static final ThreadLocal<int[][]> ROWS = ThreadLocal.withInitial(() -> new int[3][MAX_LENGTH + MAX_EDITS + 1]);

  private final Map<String, Integer> frequency;
  private final Map<String, List<String>> byDeletion = new HashMap<>();

  TypoCorrector(Map<String, Integer> frequency) {
    this.frequency = Map.copyOf(frequency);
    frequency.forEach((word, count) -> {
      if (word.length() >= MIN_LENGTH && word.length() <= MAX_LENGTH && count >= MIN_FREQUENCY) {
        for (String d : deletions(word, MAX_EDITS)) {
          byDeletion.computeIfAbsent(d, k -> new ArrayList<>(2)).add(word);
        }
      }
    });
  }

  Optional<String> correct(String word) {
    int len = word.length();
    if (len < MIN_LENGTH || len > MAX_LENGTH) {
      return Optional.empty();
    }
    int budget = len >= 8 ? 2 : 1;
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    Set<String> seen = new HashSet<>();
    for (String d : deletions(word, budget)) {
      for (String candidate : byDeletion.getOrDefault(d, List.of())) {
        if (!seen.add(candidate)) {
          continue;
        }
        int distance = distance(word, candidate, budget);
        if (distance <= budget && (distance < bestDistance
            || distance == bestDistance && frequency.get(candidate) > frequency.get(best))) {
          best = candidate;
          bestDistance = distance;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** The word and every string left by deleting up to {@code edits} of its letters. */
  static Set<String> deletions(String word, int edits) {
    Set<String> out = new HashSet<>();
    out.add(word);
    List<String> frontier = List.of(word);
    for (int e = 0; e < edits; e++) {
      List<String> next = new ArrayList<>();
      for (String w : frontier) {
        for (int i = 0; i < w.length(); i++) {
          String d = w.substring(0, i) + w.substring(i + 1);
          if (out.add(d)) {
            next.add(d);
          }
        }
      }
      frontier = next;
    }
    return out;
  }

  /** Optimal string alignment distance, giving up (returning budget+1) once it exceeds budget. */
  static int distance(String a, String b, int budget) {
    int n = a.length();
    int m = b.length();
    if (Math.abs(n - m) > budget) {
      return budget + 1;
    }
    if (m > MAX_LENGTH + MAX_EDITS) {
      return budget + 1;
    }
    int[][] rows = ROWS.get();
    int[] prev2 = rows[0];
    int[] prev = rows[1];
    int[] cur = rows[2];
    for (int j = 0; j <= m; j++) {
      prev[j] = j;
      prev2[j] = 0;
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
