package app.offramp.core.match;

/**
 * When a score counts as a match.
 *
 * @param accept the best intent's probability must reach this to be answered (default 0.5: the
 *     matcher's probability is fitted by maximum likelihood, so at 0.5 an answer is as likely
 *     right as wrong; above it, more likely right)
 * @param ambiguityMargin when the second-best intent is within this of the best, and also reaches
 *     {@code accept}, the bot asks which one was meant instead of guessing (default 0.04)
 */
public record MatchThresholds(double accept, double ambiguityMargin) {
  public static final MatchThresholds DEFAULT = new MatchThresholds(0.5, 0.04);

  public MatchThresholds {
    if (!(accept > 0 && accept <= 1)) {
      throw new IllegalArgumentException("accept threshold is " + accept + "; expected a number in (0, 1]");
    }
    if (!(ambiguityMargin >= 0 && ambiguityMargin < 1)) {
      throw new IllegalArgumentException("ambiguity margin is " + ambiguityMargin + "; expected a number in [0, 1)");
    }
  }
}
