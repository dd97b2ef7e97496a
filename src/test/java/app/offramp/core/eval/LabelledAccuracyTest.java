package app.offramp.core.eval;

import app.offramp.adapter.embedding.MiniLmSentenceEncoder;
import static org.assertj.core.api.Assertions.assertThat;

import app.offramp.TestPaths;
import app.offramp.core.intent.Intent;
import app.offramp.core.intent.IntentCatalog;
import app.offramp.core.intent.IntentLoader;
import app.offramp.core.match.IntentMatcher;
import app.offramp.core.match.MatchThresholds;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The project's own labelled questions, written for tests and never copied from the intents. */
class LabelledAccuracyTest {
  @Test
  void ownLabelledSetIsLargeEnoughAndSharesNoSentenceWithTheIntents() throws Exception {
    List<LabelledQuestion> data = new LabelledDataReader().read(TestPaths.OWN_LABELLED);
    IntentCatalog catalog = new IntentLoader().load(TestPaths.INTENTS);
    assertThat(data.stream().filter(q -> !q.intent().equals(LabelledQuestion.NONE))).hasSizeGreaterThanOrEqualTo(150);
    assertThat(data.stream().filter(q -> q.intent().equals(LabelledQuestion.NONE))).hasSizeGreaterThanOrEqualTo(50);
    Set<String> examples = catalog.intents().stream().flatMap(i -> i.examples().stream())
        .map(LabelledAccuracyTest::fold).collect(Collectors.toSet());
    assertThat(data).noneMatch(q -> examples.contains(fold(q.text())));
    Set<String> ids = catalog.intents().stream().map(Intent::id).collect(Collectors.toSet());
    assertThat(data).allMatch(q -> ids.contains(q.intent()) || q.intent().equals(LabelledQuestion.NONE));
  }

  @Test
  void matchesAtLeast95PercentOfTheOwnLabelledSet() throws Exception {
    List<LabelledQuestion> data = new LabelledDataReader().read(TestPaths.OWN_LABELLED);
    try (IntentMatcher matcher = new IntentMatcher(new IntentLoader().load(TestPaths.INTENTS), MatchThresholds.DEFAULT, MiniLmSentenceEncoder.shared())) {
      Evaluation evaluation = new Evaluator(matcher).evaluate(data);
      assertThat(evaluation.accuracy()).as("errors: %s", evaluation.errors()).isGreaterThanOrEqualTo(0.95);
    }
  }

  private static String fold(String s) {
    return s.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
  }
}
