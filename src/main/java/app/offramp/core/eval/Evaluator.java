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
  private static final int WARM_UP_ROUNDS = 3;

  private final IntentMatcher matcher;

  public Evaluator(IntentMatcher matcher) {
    this.matcher = matcher;
  }

  public static String predictedIntent(MatchResult result) {
    return result instanceof MatchResult.Matched m ? m.intentId() : LabelledQuestion.NONE;
  }

  public Evaluation evaluate(List<LabelledQuestion> data) {
    if (data.isEmpty()) {
      throw new IllegalArgumentException("no labelled questions to evaluate; expected at least one line");
    }
    List<String> predicted = new ArrayList<>(data.size());
    List<Evaluation.Error> errors = new ArrayList<>();
    int correct = 0;
    int none = 0;
    int noneAccepted = 0;
    for (LabelledQuestion q : data) {
      MatchResult result = matcher.match(q.text());
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
    return new Evaluation(n, (double) correct / n, macroF / k, perLabel, macro, weighted,
        none == 0 ? Double.NaN : (double) noneAccepted / none, errors, speed(data));
  }

  /** Times each match after warm-up rounds, so the JIT has compiled the hot path first. */
  private Evaluation.Speed speed(List<LabelledQuestion> data) {
    int rounds = Math.max(1, Math.min(WARM_UP_ROUNDS, 20_000 / data.size()));
    for (int r = 0; r < rounds; r++) {
      data.forEach(q -> matcher.match(q.text()));
    }
    long[] nanos = new long[data.size()];
    long start = System.nanoTime();
    for (int i = 0; i < data.size(); i++) {
      long t0 = System.nanoTime();
      matcher.match(data.get(i).text());
      nanos[i] = System.nanoTime() - t0;
    }
    long total = System.nanoTime() - start;
    Arrays.sort(nanos);
    return new Evaluation.Speed(data.size() / (total / 1e9), percentile(nanos, 0.50) / 1e3, percentile(nanos, 0.99) / 1e3);
  }

  private static double percentile(long[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
