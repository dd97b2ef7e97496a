package app.offramp.core.intent;

import static org.assertj.core.api.Assertions.assertThat;

import app.offramp.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's sentences in messages/en.yaml: every key the code uses, with its placeholders, checked at load. */
class MessagesTest {
  @TempDir Path dir;

  private final IntentLoader loader = new IntentLoader();

  @Test
  void theProjectsFileHasEveryKeyAndFillsPlaceholdersByName() throws Exception {
    Messages messages = loader.load(TestPaths.INTENTS).messages();
    for (Text key : Text.values()) {
      assertThat(messages.get(key)).as(key.key()).isNotBlank();
    }
    assertThat(messages.get(Text.STEP_STILL_ON, "step", 2, "total", 5))
        .isEqualTo("Still on step 2 of 5 — type next, back, or ask another question.");
    assertThat(messages.get(Text.OTHER_SERVICE, "service", "Amazon Music", "other", "Netflix"))
        .isEqualTo("I can only help with Amazon Music, not Netflix.");
  }

  @Test
  void aMissingKeyAWrongPlaceholderAndAnUnknownKeyAreEachReportedWhereTheyAre() throws Exception {
    write("help.yaml", intent("help"));
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(TestPaths.INTENTS.resolve(Messages.FILE)));
    lines.removeIf(l -> l.startsWith("menu:"));
    lines.replaceAll(l -> l.startsWith("step.still_on:") ? "step.still_on: Still on step {step} of {count}" : l);
    lines.add("step.colour: blue");
    Files.createDirectories(dir.resolve("messages"));
    Files.write(dir.resolve(Messages.FILE), lines);
    List<Problem> problems = problems();
    assertThat(problems).extracting(Problem::message)
        .anySatisfy(m -> assertThat(m).isEqualTo("missing message 'menu'"))
        .anySatisfy(m -> assertThat(m).isEqualTo("'step.still_on' has placeholders {step}, {count}; expected {step}, {total}"))
        .anySatisfy(m -> assertThat(m).startsWith("unknown message key 'step.colour'"));
    int stillOn = lines.indexOf("step.still_on: Still on step {step} of {count}") + 1;
    assertThat(problems).filteredOn(p -> p.message().startsWith("'step.still_on'")).singleElement()
        .satisfies(p -> assertThat(p.line()).isEqualTo(stillOn));
  }

  @Test
  void aDirectoryWithoutMessagesUsesTheOnesPackagedWithTheBot() throws Exception {
    write("help.yaml", intent("help"));
    assertThat(loader.load(dir).messages().get(Text.MENU))
        .isEqualTo(loader.load(TestPaths.INTENTS).messages().get(Text.MENU));
  }

  @Test
  void aVariantNeedsExactlyOneOfNoteAndAnswer() throws IOException {
    write("help.yaml", intent("help").replace("answer: hello\n", "answer: hello\nvariants:\n  - when: [x]\n"
        + "    note: a\n    answer: b\n  - when: [y]\n"));
    assertThat(problems()).extracting(Problem::message)
        .anySatisfy(m -> assertThat(m).contains("has both 'note' and 'answer'"))
        .anySatisfy(m -> assertThat(m).contains("has neither 'note' and 'answer'"));
  }

  private List<Problem> problems() {
    try {
      loader.load(dir);
    } catch (IntentLoadException e) {
      return e.problems();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected the load to fail");
  }

  private void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text);
  }

  private static String intent(String id) {
    return "id: " + id + "\ntitle: T\nsummary: S\nexamples: [" + IntStream.range(0, 20)
        .mapToObj(i -> "\"" + id + " question " + i + "\"").collect(Collectors.joining(", ")) + "]\nanswer: hello\n";
  }
}
