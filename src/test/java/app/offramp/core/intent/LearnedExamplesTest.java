package app.offramp.core.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.offramp.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** learned.yaml: what the bot writes reads back, lessons join their intents, and a bad lesson is located. */
class LearnedExamplesTest {
  @TempDir
  Path dir;

  private final IntentLoader loader = new IntentLoader();

  @BeforeEach
  void copyTheProjectsIntents() throws Exception {
    TestPaths.copyOfIntents(dir);
  }

  private static LearnedExamples.Lesson lesson(int id, String intent, String... examples) {
    return new LearnedExamples.Lesson(id, intent, Instant.parse("2026-12-04T20:31:05Z"), "3fa9c2d1", List.of(examples));
  }

  @Test
  void whatTheBotWritesReadsBackWhateverAMemberTyped() throws Exception {
    String odd = "say \"hi\" \\ back\tslash\nnew line, 🎵 emoji, \u0007bell, \u2028sep, # not a comment: - [x]";
    LearnedExamples learned = new LearnedExamples(List.of(lesson(1, "cancel", odd), lesson(2, "none", "lol same here")));
    Files.writeString(dir.resolve("learned.yaml"), learned.toYaml());
    assertThat(loader.learned(dir)).isEqualTo(learned);
  }

  @Test
  void aLessonsExamplesJoinItsIntentAndNoneJoinsTheOutOfScopeExamples() throws Exception {
    IntentCatalog before = loader.load(dir);
    Files.writeString(dir.resolve("learned.yaml"), new LearnedExamples(List.of(
        lesson(1, "cancel", "get me off the tunes subscription thing"),
        lesson(2, "none", "who is up for a round of chess"))).toYaml());
    IntentCatalog after = loader.load(dir);
    assertThat(after.exampleCount()).as("the topics' examples").isEqualTo(before.exampleCount() + 1);
    assertThat(after.outOfScopeExamples()).hasSize(before.outOfScopeExamples().size() + 1);
    assertThat(after.intents().stream().filter(i -> i.id().equals("cancel")).findFirst().orElseThrow().examples())
        .endsWith("get me off the tunes subscription thing");
    assertThat(after.outOfScopeExamples()).contains("who is up for a round of chess");
  }

  @Test
  void aLessonGivenInPlaceOfTheFileIsReadInsteadOfIt() throws Exception {
    Files.writeString(dir.resolve("learned.yaml"), new LearnedExamples(List.of(lesson(1, "cancel", "on disk"))).toYaml());
    IntentCatalog catalog = loader.load(dir, Optional.of(new LearnedExamples(List.of(lesson(1, "penalty", "given")))));
    assertThat(catalog.intents().stream().filter(i -> i.id().equals("penalty")).findFirst().orElseThrow().examples())
        .contains("given");
    assertThat(catalog.intents().stream().flatMap(i -> i.examples().stream())).doesNotContain("on disk");
  }

  @Test
  void aLessonNamingNoIntentIsAnErrorAtItsLineAndColumn() throws Exception {
    Files.writeString(dir.resolve("learned.yaml"), new LearnedExamples(List.of(lesson(1, "cancel", "fine one"),
        lesson(2, "refunds", "where is my money"))).toYaml());
    assertThatThrownBy(() -> loader.load(dir)).isInstanceOfSatisfying(IntentLoadException.class, e ->
        assertThat(e.problems()).singleElement().asString()
            .matches(".*learned\\.yaml:\\d+:\\d+: lesson 2 names intent 'refunds', which no intent file defines; expected "
                + "one of \\[.*cancel.*\\]"));
  }

  @Test
  void anExampleAnotherIntentHasIsAnErrorNamingBoth() throws Exception {
    String taken = loader.load(dir).intents().stream().filter(i -> i.id().equals("penalty")).findFirst().orElseThrow()
        .examples().get(0);
    Files.writeString(dir.resolve("learned.yaml"), new LearnedExamples(List.of(lesson(4, "cancel", taken))).toYaml());
    assertThatThrownBy(() -> loader.load(dir)).isInstanceOfSatisfying(IntentLoadException.class, e -> {
      Problem p = e.problems().get(0);
      assertThat(p.file()).endsWith("learned.yaml");
      assertThat(p.line()).isEqualTo(11); // 4 comment lines, then lessons:, id, intent, at, by, examples:, the example
      assertThat(p.message()).contains("of lesson 4 is already an example of penalty (", "penalty.yaml)");
    });
  }

  @Test
  void aHandEditedFileWithABadDateOrDuplicateIdIsLocated() throws Exception {
    Files.writeString(dir.resolve("learned.yaml"), """
        lessons:
          - id: 1
            intent: cancel
            at: yesterday
            by: abc
            examples: [one]
          - id: 1
            intent: cancel
            at: "2026-12-04T20:31:05Z"
            by: abc
            examples: [two]
        """);
    assertThatThrownBy(() -> loader.load(dir)).isInstanceOfSatisfying(IntentLoadException.class, e ->
        assertThat(e.problems()).extracting(Problem::toString).anySatisfy(s -> assertThat(s)
            .contains("learned.yaml:4:9: 'lessons[0].at' is 'yesterday'; expected an ISO-8601 instant"))
            .anySatisfy(s -> assertThat(s).contains("learned.yaml:7:9: lesson id 1 appears twice")));
  }

  @Test
  void undoFindsLessonsByNumberByIntentOrAll() {
    LearnedExamples learned = new LearnedExamples(List.of(lesson(1, "cancel", "a"), lesson(2, "none", "b"),
        lesson(5, "cancel", "c")));
    assertThat(learned.matching("2")).extracting(LearnedExamples.Lesson::id).containsExactly(2);
    assertThat(learned.matching("cancel")).extracting(LearnedExamples.Lesson::id).containsExactly(1, 5);
    assertThat(learned.matching("all")).hasSize(3);
    assertThat(learned.matching("7")).isEmpty();
    assertThat(learned.without(learned.matching("cancel")).nextId()).isEqualTo(3);
    assertThat(learned.nextId()).isEqualTo(6);
  }
}
