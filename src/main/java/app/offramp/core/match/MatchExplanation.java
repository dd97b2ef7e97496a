package app.offramp.core.match;

import java.util.List;
import java.util.Map;

/**
 * Why a message got its scores: the text as matched, the best candidates with each feature's
 * value and its share of the log-odds, and the nearest examples by meaning.
 */
public record MatchExplanation(String matchedText, List<Candidate> candidates, List<Neighbour> neighbours) {
  public MatchExplanation {
    candidates = List.copyOf(candidates);
    neighbours = List.copyOf(neighbours);
  }

  public record Candidate(String intentId, double probability, Map<String, Double> features,
      Map<String, Double> contributions) {}

  /** An example close in meaning; {@code intentId} is "none" for an out-of-scope example. */
  public record Neighbour(String example, String intentId, double similarity) {}
}
