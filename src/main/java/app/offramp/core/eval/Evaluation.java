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
    Optional<Speed> warmSpeed) {

  public record LabelScore(double precision, double recall, double f1, int support, Map<String, Integer> confusedWith) {}

  public record Error(String text, String intent, String predicted, double confidence) {}

  /**
   * Matching speed: throughput and latency percentiles in microseconds, on one thread. {@code warm}:
   * measured after passes that let the JIT settle; otherwise the first (cold) pass.
   */
  public record Speed(double messagesPerSecond, double p50Micros, double p99Micros, boolean warm) {}
}
