package app.offramp.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import app.offramp.TestPaths;
import app.offramp.core.intent.IntentLoader;
import app.offramp.core.match.IntentMatcher;
import app.offramp.core.match.MatchThresholds;
import app.offramp.core.match.MatcherMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate} on data tagged with "lang" and "cat": the figures per language and per category. */
class EvaluatorGroupsTest {
  @Test
  void readsLangAndCatAndIgnoresTagsThatAreNotStrings(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("tagged.jsonl");
    Files.writeString(file, """
        {"text": "how do i cancel", "intent": "cancel", "lang": "en", "cat": "how_to"}
        {"text": "wie kündige ich", "intent": "cancel", "lang": " de ", "cat": 3}
        {"text": "what's the weather", "intent": "none"}
        """);
    List<LabelledQuestion> read = new LabelledDataReader().read(file);
    assertThat(read).extracting(LabelledQuestion::lang).containsExactly("en", "de", "");
    assertThat(read).extracting(LabelledQuestion::cat).containsExactly("how_to", "", "");
  }

  @Test
  void groupsCountEachLineOnceAndAgreeWithTheErrors() throws Exception {
    List<LabelledQuestion> data = List.of(
        new LabelledQuestion("how do i cancel amazon music", "cancel", "en", "how_to"),
        new LabelledQuestion("is there a penalty for cancelling early", "penalty", "en", "how_to"),
        new LabelledQuestion("book me a flight to rome", "none", "en", "unrelated"),
        new LabelledQuestion("quiero cancelar amazon music", "cancel", "es", "how_to"),
        new LabelledQuestion("qual o tempo amanha", "none", "pt", "unrelated"),
        new LabelledQuestion("xyzzy plugh", "backup", "", ""));
    try (IntentMatcher matcher = new IntentMatcher(new IntentLoader().load(TestPaths.INTENTS), MatchThresholds.DEFAULT,
        null, MatcherMode.LEXICAL)) {
      Evaluation e = new Evaluator(matcher).evaluate(data);
      Map<String, Evaluation.GroupScore> byLang = e.groups().get("lang");
      assertThat(byLang).containsOnlyKeys("en", "es", "pt", "");
      assertThat(e.groups().get("cat")).containsOnlyKeys("how_to", "unrelated", "");
      for (Map.Entry<String, Evaluation.GroupScore> entry : byLang.entrySet()) {
        List<LabelledQuestion> lines = data.stream().filter(q -> q.lang().equals(entry.getKey())).toList();
        long wrongInScope = e.errors().stream().filter(err -> !err.intent().equals("none"))
            .filter(err -> lines.stream().anyMatch(q -> q.text().equals(err.text()))).count();
        long accepted = e.errors().stream().filter(err -> err.intent().equals("none"))
            .filter(err -> lines.stream().anyMatch(q -> q.text().equals(err.text()))).count();
        Evaluation.GroupScore g = entry.getValue();
        assertThat(g.total()).as(entry.getKey()).isEqualTo(lines.size());
        assertThat(g.inScope()).isEqualTo(lines.stream().filter(LabelledQuestion::inScope).count());
        assertThat(g.inScope() - g.inScopeCorrect()).as(entry.getKey()).isEqualTo(wrongInScope);
        assertThat(g.outOfScopeAccepted()).as(entry.getKey()).isEqualTo(accepted);
      }
      Evaluation.GroupScore all = e.overall();
      assertThat(all.total()).isEqualTo(6);
      assertThat(all.inScope()).isEqualTo(4);
      assertThat(all.correct()).isEqualTo(6 - e.errors().size());
      assertThat(all.falseAcceptRate()).isEqualTo(e.outOfScopeFalseAcceptRate());
      // Gibberish labelled as an intent cannot be answered right: the in-scope figure is below 1.
      assertThat(all.inScopeAccuracy()).isLessThan(1.0);
    }
  }

  @Test
  void untaggedDataHasNoGroups() throws Exception {
    List<LabelledQuestion> data = List.of(new LabelledQuestion("how do i cancel amazon music", "cancel"));
    try (IntentMatcher matcher = new IntentMatcher(new IntentLoader().load(TestPaths.INTENTS), MatchThresholds.DEFAULT,
        null, MatcherMode.LEXICAL)) {
      assertThat(new Evaluator(matcher).evaluate(data).groups()).isEmpty();
    }
  }
}
