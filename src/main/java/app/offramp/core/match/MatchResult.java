package app.offramp.core.match;

import java.util.List;
import java.util.Map;

/** What a message matched: one intent, several close ones, or nothing. */
public sealed interface MatchResult {
  /** Confidence of the best candidate, in [0,1]. */
  double confidence();

  /**
   * The best intent and what the message said about its slot, as {@link IntentMatcher#readSlot}
   * reads it: a value (platform=mobile), or {@link IntentMatcher#SLOT_BOTH} /
   * {@link IntentMatcher#SLOT_ELSEWHERE}.
   */
  record Matched(String intentId, double confidence, Map<String, String> slots) implements MatchResult {
    public Matched {
      slots = Map.copyOf(slots);
    }
  }

  /** The best candidates were too close to pick one: the bot asks which was meant. */
  record Ambiguous(List<Candidate> candidates) implements MatchResult {
    public Ambiguous {
      candidates = List.copyOf(candidates);
    }

    @Override
    public double confidence() {
      return candidates.get(0).confidence();
    }
  }

  /**
   * No intent reached the threshold. {@code nearest} is the best candidate all the same (empty when
   * nothing could be scored): a message that leans on the answer before it ("so till the 15th
   * then") can be read in that answer's light.
   */
  record NoMatch(double confidence, String nearest) implements MatchResult {
    public NoMatch {
      nearest = nearest == null ? "" : nearest;
    }

    public NoMatch(double confidence) {
      this(confidence, "");
    }
  }

  /**
   * The message is about another service's account ("wie kündige ich netflix", "is prime day next
   * week"), whatever intent its words resemble: not ours to answer. {@code service} is that
   * service's name as {@code services.yaml} gives it; {@code confidence} and {@code nearest} the best
   * intent's ("and amazon music?" right after can be read as that intent).
   */
  record OtherService(String service, double confidence, String nearest) implements MatchResult {
    public OtherService {
      nearest = nearest == null ? "" : nearest;
    }
  }

  record Candidate(String intentId, double confidence) {}
}
