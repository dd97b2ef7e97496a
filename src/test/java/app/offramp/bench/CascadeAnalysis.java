package app.offramp.bench;

import app.offramp.adapter.embedding.MiniLmSentenceEncoder;
import app.offramp.core.eval.LabelledDataReader;
import app.offramp.core.eval.LabelledQuestion;
import app.offramp.core.intent.IntentCatalog;
import app.offramp.core.intent.IntentLoader;
import app.offramp.core.match.IntentMatcher;
import app.offramp.core.match.MatchResult;
import app.offramp.core.match.MatchThresholds;
import app.offramp.core.match.MatcherMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Could the sentence model be skipped when the words settle a message on their own? For each
 * labelled file of ../shared/eval and a few bars, how many messages the words-only matcher accepts
 * at that confidence or more (the model would be skipped for them), and how many of those the bot's
 * combined matcher answers the same, and rightly. An analysis to run and report, not a test:
 * {@code ./mvnw -q package -DskipTests test-compile && java -cp target/offramp.jar:target/test-classes
 * app.offramp.bench.CascadeAnalysis}.
 */
public final class CascadeAnalysis {
  private static final double[] BARS = {0.80, 0.90, 0.95, 0.97};
  private static final List<String> FILES = List.of("member_questions.jsonl", "external_in_scope.jsonl",
      "external_oos.jsonl", "external_near_miss.jsonl");

  private CascadeAnalysis() {}

  public static void main(String[] args) throws Exception {
    IntentCatalog catalog = new IntentLoader().load(Path.of("intents"));
    try (IntentMatcher combined = new IntentMatcher(catalog, MatchThresholds.DEFAULT, MiniLmSentenceEncoder.shared());
        IntentMatcher words = new IntentMatcher(catalog, MatchThresholds.DEFAULT, null, MatcherMode.LEXICAL)) {
      for (String file : FILES) {
        List<LabelledQuestion> questions = new LabelledDataReader().read(Path.of("..", "shared", "eval", file));
        System.out.println(file + " (" + questions.size() + " messages):");
        for (double bar : BARS) {
          int skipped = 0;
          int same = 0;
          int right = 0;
          for (LabelledQuestion q : questions) {
            if (words.match(q.text()) instanceof MatchResult.Matched w && w.confidence() >= bar) {
              skipped++;
              if (combined.match(q.text()) instanceof MatchResult.Matched c && c.intentId().equals(w.intentId())) {
                same++;
              }
              if (w.intentId().equals(q.intent())) {
                right++;
              }
            }
          }
          System.out.printf(Locale.ROOT, "  words at %.2f or more: %d (%.1f %%) would skip the model; the bot answers %d of them"
              + " the same; %d are right%n", bar, skipped, 100.0 * skipped / questions.size(), same, right);
        }
      }
    }
  }
}
