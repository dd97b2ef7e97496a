package app.offramp.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.offramp.TestPaths;
import app.offramp.adapter.embedding.MiniLmSentenceEncoder;
import app.offramp.core.intent.IntentLoader;
import app.offramp.core.match.IntentMatcher;
import app.offramp.core.match.MatchThresholds;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The matcher, at the default threshold, against sentences written outside this project
 * (../shared/eval): the bars of the README. Skipped, with the reason shown, where that folder is
 * not beside the project (CI has it).
 */
class ExternalBenchmarkTest {
  private static IntentMatcher matcher;

  @BeforeAll
  static void load() throws Exception {
    if (TestPaths.sharedEvalPresent()) {
      matcher = new IntentMatcher(new IntentLoader().load(TestPaths.INTENTS), MatchThresholds.DEFAULT,
          MiniLmSentenceEncoder.shared());
    }
  }

  /** Per test, so each is reported as skipped (with this reason) rather than silently not run. */
  @BeforeEach
  void requireSharedEval() {
    assumeTrue(TestPaths.sharedEvalPresent(), "../shared/eval is absent beside the project: external benchmark skipped");
  }

  @AfterAll
  static void close() {
    if (matcher != null) {
      matcher.close();
    }
  }

  static Evaluation run(IntentMatcher matcher, String file) throws Exception {
    Path path = TestPaths.SHARED_EVAL.resolve(file);
    return new Evaluator(matcher).evaluate(new LabelledDataReader().read(path));
  }

  @Test
  void memberQuestionsAreAnsweredRightNineTimesInTen() throws Exception {
    Evaluation evaluation = run(matcher, "member_questions.jsonl");
    assertThat(evaluation.accuracy()).as("errors: %s", evaluation.errors()).isGreaterThanOrEqualTo(0.90);
    assertThat(evaluation.outOfScopeFalseAcceptRate()).isLessThanOrEqualTo(0.10);
  }

  @Test
  void inScopeAccuracyIsAtLeastNinetyTwoPercent() throws Exception {
    assertThat(run(matcher, "external_in_scope.jsonl").accuracy()).isGreaterThanOrEqualTo(0.92);
  }

  @Test
  void outOfScopeFalseAcceptIsAtMostOnePercent() throws Exception {
    assertThat(run(matcher, "external_oos.jsonl").outOfScopeFalseAcceptRate()).isLessThanOrEqualTo(0.01);
  }

  @Test
  void nearMissFalseAcceptIsAtMostFivePercent() throws Exception {
    assertThat(run(matcher, "external_near_miss.jsonl").outOfScopeFalseAcceptRate()).isLessThanOrEqualTo(0.05);
  }
}
