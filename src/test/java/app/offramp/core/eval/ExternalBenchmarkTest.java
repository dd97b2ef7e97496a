package app.offramp.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.offramp.TestPaths;
import app.offramp.core.intent.IntentLoader;
import app.offramp.core.match.IntentMatcher;
import app.offramp.core.match.MatchThresholds;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The matcher against sentences written outside this project (../shared/eval). Skipped, with the
 * reason shown, where that folder is not beside the project.
 */
class ExternalBenchmarkTest {
  private static IntentMatcher matcher;

  @BeforeAll
  static void load() throws Exception {
    if (TestPaths.sharedEvalPresent()) {
      matcher = new IntentMatcher(new IntentLoader().load(TestPaths.INTENTS), MatchThresholds.DEFAULT);
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

  private static Evaluation run(String file) throws Exception {
    Path path = TestPaths.SHARED_EVAL.resolve(file);
    return new Evaluator(matcher).evaluate(new LabelledDataReader().read(path));
  }

  @Test
  void outOfScopeFalseAcceptIsAtMostTwoPercent() throws Exception {
    assertThat(run("external_oos.jsonl").outOfScopeFalseAcceptRate()).isLessThanOrEqualTo(0.02);
  }

  @Test
  void nearMissFalseAcceptIsAtMostTenPercent() throws Exception {
    assertThat(run("external_near_miss.jsonl").outOfScopeFalseAcceptRate()).isLessThanOrEqualTo(0.10);
  }

  @Test
  void inScopeAccuracyIsAtLeastEightyFivePercent() throws Exception {
    assertThat(run("external_in_scope.jsonl").accuracy()).isGreaterThanOrEqualTo(0.85);
  }
}
