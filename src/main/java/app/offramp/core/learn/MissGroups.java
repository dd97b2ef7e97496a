package app.offramp.core.learn;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Groups missed questions by meaning with the matcher's own sentence vectors: a question joins the
 * group whose first question is nearest, when within {@link #SAME_QUESTION} cosine, else starts
 * one. Largest groups first. Used by the report and by {@code /offramp review} alike.
 */
public final class MissGroups {
  /** Two questions belong to one group when their sentence vectors are this close. */
  public static final double SAME_QUESTION = 0.75;

  /** One question to group: its text and who asked (a salted hash). */
  public record Asked(String text, String member) {}

  private MissGroups() {}

  /** @param encode the matcher's sentence vectors (unit length) */
  public static List<MissGroup> of(List<Asked> asked, Function<String, float[]> encode) {
    List<float[]> heads = new ArrayList<>();
    List<List<String>> texts = new ArrayList<>();
    List<Set<String>> members = new ArrayList<>();
    for (Asked a : asked) {
      String text = a.text().strip();
      if (text.isEmpty()) {
        continue;
      }
      float[] v = encode.apply(text);
      int group = -1;
      double best = SAME_QUESTION;
      for (int g = 0; g < heads.size(); g++) {
        // The same words are one question even without sentence vectors (matcher mode "words").
        double sim = texts.get(g).get(0).equalsIgnoreCase(text) ? 1 : dot(heads.get(g), v);
        if (sim >= best) {
          best = sim;
          group = g;
        }
      }
      if (group < 0) {
        heads.add(v);
        texts.add(new ArrayList<>());
        members.add(new HashSet<>());
        group = heads.size() - 1;
      }
      texts.get(group).add(text);
      members.get(group).add(a.member());
    }
    List<MissGroup> groups = new ArrayList<>();
    for (int g = 0; g < heads.size(); g++) {
      groups.add(new MissGroup(texts.get(g), texts.get(g).size(), members.get(g).size()));
    }
    // Stable: of two groups as large, the one asked most recently (first read) comes first.
    groups.sort((a, b) -> Integer.compare(b.count(), a.count()));
    return groups;
  }

  /** Cosine of two unit vectors; 0 against the empty vector of a matcher without sentence model. */
  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
