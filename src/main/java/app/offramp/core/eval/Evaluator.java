package app.offramp.core.eval;

import app.offramp.core.match.IntentMatcher;
import app.offramp.core.match.MatchResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs the matcher over labelled questions. A question counts as answered with an intent only on a
 * confident match; an ambiguous result (the bot would ask) and no match both count as "none".
 */
public final class Evaluator {
  /** Warm passes stop when p50 moves less than this between two passes: the JIT has settled. */
  static final double STABLE = 0.05;
  static final int MAX_WARM_PASSES = 12;
  /** Messages per warm pass at most, so a 3,000-line file is not matched twelve times in full. */
  static final int WARM_PASS_SIZE = 1_000;

  private final IntentMatcher matcher;

  public Evaluator(IntentMatcher matcher) {
    this.matcher = matcher;
  }

  public static String predictedIntent(MatchResult result) {
    return result instanceof MatchResult.Matched m ? m.intentId() : LabelledQuestion.NONE;
  }

  /** Accuracy, with speed timed cold on that one pass (what a test needs: no warm-up cost). */
  public Evaluation evaluate(List<LabelledQuestion> data) {
    return evaluate(data, false);
  }

  /**
   * Accuracy; with {@code warmSpeed}, speed is then timed again after passes over the data until
   * p50 is stable (what a member meets once the bot has run a while), and both are reported.
   */
  public Evaluation evaluate(List<LabelledQuestion> data, boolean warmSpeed) {
    if (data.isEmpty()) {
      throw new IllegalArgumentException("no labelled questions to evaluate; expected at least one line");
    }
    List<String> predicted = new ArrayList<>(data.size());
    List<Evaluation.Error> errors = new ArrayList<>();
    int correct = 0;
    int none = 0;
    int noneAccepted = 0;
    long[] nanos = new long[data.size()];
    long start = System.nanoTime();
    for (int k = 0; k < data.size(); k++) {
      LabelledQuestion q = data.get(k);
      long t0 = System.nanoTime();
      MatchResult result = matcher.match(q.text());
      nanos[k] = System.nanoTime() - t0;
      String p = predictedIntent(result);
      predicted.add(p);
      if (p.equals(q.intent())) {
        correct++;
      } else {
        errors.add(new Evaluation.Error(q.text(), q.intent(), p, result.confidence()));
      }
      if (q.intent().equals(LabelledQuestion.NONE)) {
        none++;
        if (!p.equals(LabelledQuestion.NONE)) {
          noneAccepted++;
        }
      }
    }
    TreeSet<String> labels = new TreeSet<>();
    data.forEach(q -> labels.add(q.intent()));
    labels.addAll(predicted);
    Map<String, Evaluation.LabelScore> perLabel = new LinkedHashMap<>();
    double macroP = 0;
    double macroR = 0;
    double macroF = 0;
    double weightedP = 0;
    double weightedR = 0;
    double weightedF = 0;
    for (String label : labels) {
      int tp = 0;
      int fp = 0;
      int fn = 0;
      Map<String, Integer> confused = new TreeMap<>();
      for (int i = 0; i < data.size(); i++) {
        String gold = data.get(i).intent();
        String p = predicted.get(i);
        if (gold.equals(label) && p.equals(label)) {
          tp++;
        } else if (p.equals(label)) {
          fp++;
        } else if (gold.equals(label)) {
          fn++;
          confused.merge(p, 1, Integer::sum);
        }
      }
      double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
      double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
      double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      int support = tp + fn;
      perLabel.put(label, new Evaluation.LabelScore(precision, recall, f1, support, confused));
      macroP += precision;
      macroR += recall;
      macroF += f1;
      weightedP += precision * support;
      weightedR += recall * support;
      weightedF += f1 * support;
    }
    int k = labels.size();
    int n = data.size();
    Evaluation.LabelScore macro = new Evaluation.LabelScore(macroP / k, macroR / k, macroF / k, n, Map.of());
    Evaluation.LabelScore weighted = new Evaluation.LabelScore(weightedP / n, weightedR / n, weightedF / n, n, Map.of());
    Evaluation.Speed cold = speed(nanos, System.nanoTime() - start, false);
    return new Evaluation(n, (double) correct / n, macroF / k, perLabel, macro, weighted,
        none == 0 ? Double.NaN : (double) noneAccepted / none, errors, cold,
        warmSpeed ? java.util.Optional.of(warmSpeed(data)) : java.util.Optional.empty(),
        groups(data, predicted, q -> "").get(""), tagGroups(data, predicted));
  }

  /** Per tag some line carries ("lang", "cat"), the counts per value; see {@link Evaluation#groups()}. */
  private static Map<String, Map<String, Evaluation.GroupScore>> tagGroups(List<LabelledQuestion> data,
      List<String> predicted) {
    Map<String, Map<String, Evaluation.GroupScore>> out = new LinkedHashMap<>();
    if (data.stream().anyMatch(q -> !q.lang().isEmpty())) {
      out.put("lang", groups(data, predicted, LabelledQuestion::lang));
    }
    if (data.stream().anyMatch(q -> !q.cat().isEmpty())) {
      out.put("cat", groups(data, predicted, LabelledQuestion::cat));
    }
    return out;
  }

  private static Map<String, Evaluation.GroupScore> groups(List<LabelledQuestion> data, List<String> predicted,
      java.util.function.Function<LabelledQuestion, String> key) {
    Map<String, Evaluation.GroupScore> out = new TreeMap<>();
    for (int i = 0; i < data.size(); i++) {
      LabelledQuestion q = data.get(i);
      String p = predicted.get(i);
      out.compute(key.apply(q), (k, g) -> (g == null ? Evaluation.GroupScore.EMPTY : g).plus(q, p));
    }
    return out;
  }

  /** Passes over (a sample of) the data until p50 moves less than {@link #STABLE}; the last pass's figures. */
  private Evaluation.Speed warmSpeed(List<LabelledQuestion> data) {
    List<LabelledQuestion> sample = data.size() <= WARM_PASS_SIZE ? data : data.subList(0, WARM_PASS_SIZE);
    Evaluation.Speed last = null;
    for (int pass = 0; pass < MAX_WARM_PASSES; pass++) {
      long[] nanos = new long[sample.size()];
      long start = System.nanoTime();
      for (int i = 0; i < sample.size(); i++) {
        long t0 = System.nanoTime();
        matcher.match(sample.get(i).text());
        nanos[i] = System.nanoTime() - t0;
      }
      Evaluation.Speed speed = speed(nanos, System.nanoTime() - start, true);
      if (last != null && Math.abs(speed.p50Micros() - last.p50Micros()) < STABLE * last.p50Micros()) {
        return speed;
      }
      last = speed;
    }
    return last;
  }

  private static Evaluation.Speed speed(long[] nanos, long total, boolean warm) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new Evaluation.Speed(sorted.length / (total / 1e9), percentile(sorted, 0.50) / 1e3,
        percentile(sorted, 0.99) / 1e3, warm);
  }

  private static double percentile(long[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
