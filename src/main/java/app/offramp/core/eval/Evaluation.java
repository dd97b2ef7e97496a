package app.offramp.core.eval;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one evaluation measured.
 *
 * @param perLabel precision, recall, F1 and support per label, "none" included
 * @param outOfScopeFalseAcceptRate share of "none" questions that were answered as some intent
 *     ({@code NaN} when the data has no "none" question)
 * @param overall the same counts as every group below, for the whole file
 * @param groups per tag ("lang", "cat") that some line carries, the counts per value of it (lines
 *     without the tag under ""); empty when no line is tagged
 */
public record Evaluation(
    int total,
    double accuracy,
    double macroF1,
    Map<String, LabelScore> perLabel,
    LabelScore macroAvg,
    LabelScore weightedAvg,
    double outOfScopeFalseAcceptRate,
    List<Error> errors,
    Speed speed,
    Optional<Speed> warmSpeed,
    GroupScore overall,
    Map<String, Map<String, GroupScore>> groups) {

  /**
   * Counts for a group of lines: how many were answered right, and apart, the in-scope ones (the
   * right intent given) and the out-of-scope ones (answered as some intent: a false accept).
   */
  public record GroupScore(int total, int correct, int inScope, int inScopeCorrect, int outOfScope,
      int outOfScopeAccepted) {
    public double accuracy() {
      return total == 0 ? Double.NaN : (double) correct / total;
    }

    public double inScopeAccuracy() {
      return inScope == 0 ? Double.NaN : (double) inScopeCorrect / inScope;
    }

    public double falseAcceptRate() {
      return outOfScope == 0 ? Double.NaN : (double) outOfScopeAccepted / outOfScope;
    }

    GroupScore plus(LabelledQuestion q, String predicted) {
      boolean right = predicted.equals(q.intent());
      boolean accepted = !predicted.equals(LabelledQuestion.NONE);
      return new GroupScore(total + 1, correct + (right ? 1 : 0), inScope + (q.inScope() ? 1 : 0),
          inScopeCorrect + (q.inScope() && right ? 1 : 0), outOfScope + (q.inScope() ? 0 : 1),
          outOfScopeAccepted + (!q.inScope() && accepted ? 1 : 0));
    }

    static final GroupScore EMPTY = new GroupScore(0, 0, 0, 0, 0, 0);
  }

  public record LabelScore(double precision, double recall, double f1, int support, Map<String, Integer> confusedWith) {}

  public record Error(String text, String intent, String predicted, double confidence) {}

  /**
   * Matching speed: throughput and latency percentiles in microseconds, on one thread. {@code warm}:
   * measured after passes that let the JIT settle; otherwise the first (cold) pass.
   */
  public record Speed(double messagesPerSecond, double p50Micros, double p99Micros, boolean warm) {}
}
