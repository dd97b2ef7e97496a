package app.offramp.core.match;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The words of the examples: which label (intent, or out of scope) uses each stem and how often,
 * each example as a TF-IDF vector, and what is needed to read a member's spelling (typo
 * correction, glued words). It answers the lexical half of the matcher's features: how well an
 * intent's examples explain the message's words, and how much of the message is words only
 * out-of-scope examples use ("netflix", "order") or words no example uses.
 *
 * <p>Words that name a slot value ("iphone", "browser") are set aside: they say how, not what.
 * Immutable after construction.
 */
final class LexicalIndex {
  /** Words this long or longer that are unknown are tried as two known words run together. */
  private static final int MIN_GLUED = 6;

  /** A message's content words as stems, each with its weight. */
  record Query(List<String> stems, double[] weights, double totalWeight, List<String> allStems) {
    boolean isEmpty() {
      return stems.isEmpty();
    }
  }

  private final TextAnalyzer analyzer;
  private final int labels;
  private final int outOfScopeLabel;
  private final int[] exampleLabel;
  private final List<Set<String>> exampleTerms = new ArrayList<>();
  private final double[] exampleNorm;
  private final Map<String, int[]> labelCounts = new HashMap<>();
  private final Map<String, Double> idf = new HashMap<>();
  /** Per stem, the examples that use it, as plain ints: read for every word of every message and fitted row. */
  private final Map<String, int[]> postings = new HashMap<>();
  private final double unknownWeight;
  private final Map<String, String> surfaceToStem = new HashMap<>();
  private final Set<String> slotStems;
  private final TypoCorrector corrector;

  LexicalIndex(TextAnalyzer analyzer, List<String> examples, int[] exampleLabel, int labels, Set<String> slotStems) {
    this.analyzer = analyzer;
    this.labels = labels;
    this.outOfScopeLabel = labels - 1;
    this.exampleLabel = exampleLabel.clone();
    this.slotStems = Set.copyOf(slotStems);
    Map<String, Integer> df = new HashMap<>();
    Map<String, List<Integer>> building = new HashMap<>();
    Map<String, Integer> surfaceDf = new HashMap<>();
    for (int e = 0; e < examples.size(); e++) {
      Set<String> terms = new LinkedHashSet<>();
      Set<String> surfaces = new HashSet<>();
      for (Token t : analyzer.tokens(examples.get(e))) {
        surfaceToStem.putIfAbsent(t.surface(), t.stem());
        surfaces.add(t.surface());
        if (!slotStems.contains(t.stem())) {
          terms.add(t.stem());
        }
      }
      for (String term : terms) {
        df.merge(term, 1, Integer::sum);
        labelCounts.computeIfAbsent(term, k -> new int[labels])[exampleLabel[e]]++;
        building.computeIfAbsent(term, k -> new ArrayList<>()).add(e);
      }
      surfaces.forEach(s -> surfaceDf.merge(s, 1, Integer::sum));
      exampleTerms.add(terms);
    }
    building.forEach((term, list) -> postings.put(term, list.stream().mapToInt(Integer::intValue).toArray()));
    int n = examples.size();
    df.forEach((term, count) -> idf.put(term, Math.log(1.0 + (double) n / count)));
    unknownWeight = Math.log(1.0 + n);
    exampleNorm = new double[n];
    for (int e = 0; e < n; e++) {
      double sum = 0;
      for (String term : exampleTerms.get(e)) {
        sum += idf.get(term) * idf.get(term);
      }
      exampleNorm[e] = Math.sqrt(sum);
    }
    // A written form is as trustworthy a correction target as its stem is common.
    Map<String, Integer> stemDf = new HashMap<>();
    surfaceDf.keySet().forEach(s -> stemDf.put(s, df.getOrDefault(surfaceToStem.get(s), 1)));
    corrector = new TypoCorrector(stemDf);
  }

  /** The message's content words, typos corrected and glued words split; slot words set aside. */
  Query query(String text) {
    List<Token> tokens = splitGluedWords(analyzer.tokens(text));
    Set<String> stems = new LinkedHashSet<>();
    List<String> all = new ArrayList<>();
    for (Token token : tokens) {
      all.add(token.stem());
      if (slotStems.contains(token.stem())) {
        continue;
      }
      String stem = token.stem();
      if (!idf.containsKey(stem) && !surfaceToStem.containsKey(token.surface())) {
        stem = corrector.correct(token.surface()).map(surfaceToStem::get).orElse(stem);
      }
      if (!slotStems.contains(stem)) {
        stems.add(stem);
      }
    }
    return query(new ArrayList<>(stems), all);
  }

  /** An example as a query, for the features of a held-out example. */
  Query exampleQuery(int example) {
    return query(new ArrayList<>(exampleTerms.get(example)), new ArrayList<>(exampleTerms.get(example)));
  }

  private Query query(List<String> stems, List<String> all) {
    double[] weights = new double[stems.size()];
    double total = 0;
    for (int i = 0; i < stems.size(); i++) {
      weights[i] = idf.getOrDefault(stems.get(i), unknownWeight);
      total += weights[i];
    }
    return new Query(List.copyOf(stems), weights, total, List.copyOf(all));
  }

  /**
   * Per label: the best TF-IDF cosine between the message and one of the label's examples, and
   * the share of the message's weight that the label's examples use. {@code heldOut} (or -1) is an
   * example left out, as if never written: leave-one-out training sees features as a new message
   * would produce them.
   */
  void scores(Query q, int heldOut, double[] bestCosine, double[] coverage) {
    scores(q, heldOut, bestCosine, coverage, null);
  }

  /** As {@link #scores(Query, int, double[], double[])}, the examples {@code skip} marks left out of the cosines. */
  void scores(Query q, int heldOut, double[] bestCosine, double[] coverage, boolean[] skip) {
    java.util.Arrays.fill(bestCosine, 0);
    java.util.Arrays.fill(coverage, 0);
    if (q.isEmpty()) {
      return;
    }
    double queryNorm = 0;
    for (double w : q.weights()) {
      queryNorm += w * w;
    }
    queryNorm = Math.sqrt(queryNorm);
    // Per example, indexed (not a boxed map): this runs for every message, and per example for the fit.
    double[] dot = new double[exampleNorm.length];
    int heldLabel = heldOut >= 0 ? exampleLabel[heldOut] : -1;
    Set<String> heldTerms = heldOut >= 0 ? exampleTerms.get(heldOut) : Collections.emptySet();
    for (int i = 0; i < q.stems().size(); i++) {
      String stem = q.stems().get(i);
      double w = q.weights()[i];
      int[] counts = labelCounts.get(stem);
      if (counts != null) {
        for (int label = 0; label < labels; label++) {
          int c = counts[label] - (label == heldLabel && heldTerms.contains(stem) ? 1 : 0);
          if (c > 0) {
            coverage[label] += w;
          }
        }
        double idfw = idf.get(stem);
        for (int e : postings.get(stem)) {
          if (e != heldOut) {
            dot[e] += w * idfw;
          }
        }
      }
    }
    for (int label = 0; label < labels; label++) {
      coverage[label] /= q.totalWeight();
    }
    for (int e = 0; e < dot.length; e++) {
      if (dot[e] != 0 && (skip == null || !skip[e])) { // an example sharing no word scores 0, which bestCosine starts at
        double cosine = dot[e] / (queryNorm * exampleNorm[e]);
        int label = exampleLabel[e];
        bestCosine[label] = Math.max(bestCosine[label], Math.min(1, cosine));
      }
    }
  }

  /**
   * Shares of the message's weight on words that only out-of-scope examples use ("netflix",
   * "order": naming something that is not ours) and on words no example uses.
   */
  double[] strangeness(Query q, int heldOut) {
    if (q.isEmpty()) {
      return new double[] {0, 0};
    }
    int heldLabel = heldOut >= 0 ? exampleLabel[heldOut] : -1;
    Set<String> heldTerms = heldOut >= 0 ? exampleTerms.get(heldOut) : Collections.emptySet();
    double foreign = 0;
    double unknown = 0;
    for (int i = 0; i < q.stems().size(); i++) {
      String stem = q.stems().get(i);
      int[] counts = labelCounts.get(stem);
      int inScope = 0;
      int outOfScope = 0;
      if (counts != null) {
        for (int label = 0; label < labels; label++) {
          int c = counts[label] - (label == heldLabel && heldTerms.contains(stem) ? 1 : 0);
          if (label == outOfScopeLabel) {
            outOfScope += c;
          } else {
            inScope += c;
          }
        }
      }
      if (inScope == 0 && outOfScope > 0) {
        foreign += q.weights()[i];
      } else if (inScope == 0) {
        unknown += q.weights()[i];
      }
    }
    return new double[] {foreign / q.totalWeight(), unknown / q.totalWeight()};
  }

  /**
   * "customersupport", "helpme": an unknown word that is two known words run together is read as
   * those two words.
   */
  private List<Token> splitGluedWords(List<Token> tokens) {
    List<Token> out = new ArrayList<>(tokens.size());
    for (Token token : tokens) {
      String w = token.surface();
      boolean known = idf.containsKey(token.stem()) || surfaceToStem.containsKey(w);
      List<Token> parts = known || w.length() < MIN_GLUED ? List.of() : split(w);
      out.addAll(parts.isEmpty() ? List.of(token) : parts);
    }
    return out;
  }

  private List<Token> split(String word) {
    for (int i = 2; i <= word.length() - 2; i++) {
      String left = word.substring(0, i);
      String right = word.substring(i);
      if (surfaceToStem.containsKey(left) && surfaceToStem.containsKey(right)) {
        return analyzer.tokens(left + " " + right);
      }
    }
    return List.of();
  }
}
