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

/** services.yaml and controls.yaml beside the intents: read, checked with positions, or built in. */
class DataFilesTest {
  @TempDir Path dir;

  private final IntentLoader loader = new IntentLoader();

  @Test
  void theProjectsFilesLoad() throws Exception {
    IntentCatalog catalog = loader.load(TestPaths.INTENTS);
    assertThat(catalog.services().service()).isEqualTo("Amazon Music");
    assertThat(catalog.services().others()).containsKeys("Spotify", "Netflix", "Prime Video");
    assertThat(catalog.services().switchingIntent()).contains("alternatives");
    assertThat(catalog.controls().of(Controls.Typed.NEXT)).contains("next", "siguiente", "weiter", "suivant", "avanti");
    assertThat(catalog.controls().of(Controls.Courtesy.THANKS)).contains("thanks", "gracias", "danke", "merci");
  }

  @Test
  void aDirectoryWithoutControlsUsesTheOnesPackagedWithTheBot() throws Exception {
    write("help.yaml", intent("help", "help"));
    IntentCatalog catalog = loader.load(dir);
    assertThat(catalog.controls()).isEqualTo(loader.load(TestPaths.INTENTS).controls());
    assertThat(catalog.services().isEmpty()).as("no services.yaml: every question is taken to be ours").isTrue();
  }

  @Test
  void aNameWrittenForTwoServicesIsReportedWhereItIsWritten() throws IOException {
    write("help.yaml", intent("help", "help"));
    write("services.yaml", "service: Amazon Music\nnames: [amazon music, Música Unlimited]\nother_services:\n"
        + "  Spotify: [spotify]\n  Other: [musica unlimited]\n");
    assertThat(problems()).singleElement().satisfies(p -> {
      assertThat(p.file()).endsWith("services.yaml");
      assertThat(p.line()).isEqualTo(5);
      assertThat(p.message()).contains("'musica unlimited' is already written for this service");
    });
  }

  @Test
  void aSwitchingIntentThatIsNoTopicIsReported() throws IOException {
    write("help.yaml", intent("help", "help"));
    write("services.yaml", "service: X\nnames: [x]\nother_services: {Y: [y]}\nswitching:\n  intent: alternativs\n"
        + "  words: [switch]\n");
    assertThat(problems()).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(5);
      assertThat(p.message()).contains("switching.intent 'alternativs' names no topic; expected one of [help]");
    });
  }

  @Test
  void servicesWithUnknownOrMissingFieldsAreReportedAllAtOnce() throws IOException {
    write("help.yaml", intent("help", "help"));
    write("services.yaml", "service: X\nnames: []\ncolour: blue\n");
    assertThat(problems()).extracting(Problem::message).anySatisfy(m -> assertThat(m).contains("unknown field 'colour'"))
        .anySatisfy(m -> assertThat(m).contains("'names' is an empty list"))
        .anySatisfy(m -> assertThat(m).contains("missing required field 'other_services'"));
  }

  @Test
  void aControlPhraseClaimedTwiceIsReportedWithItsPosition() throws IOException {
    write("help.yaml", intent("help", "help"));
    write("controls.yaml", controls("next: [next, weiter]\nback: [back, Weiter!]\n"));
    assertThat(problems()).singleElement().satisfies(p -> {
      assertThat(p.file()).endsWith("controls.yaml");
      assertThat(p.line()).isEqualTo(2);
      assertThat(p.column()).isEqualTo(14);
      assertThat(p.message()).contains("'Weiter!' is already listed under next");
    });
  }

  @Test
  void aCourtesyOfTwoWordsIsRefused() throws IOException {
    write("help.yaml", intent("help", "help"));
    write("controls.yaml", controls("next: [next]\nback: [back]\n").replace("thanks: [thanks]", "thanks: [thank you]"));
    assertThat(problems()).singleElement().extracting(Problem::message).asString()
        .contains("'thank you' is more than one word");
  }

  private static String controls(String nextAndBack) {
    return nextAndBack + "done: [done]\nstop: [stop]\nall: [all]\naffirm: [\"yes\"]\ndeny: [\"no\"]\nsmall_talk:\n"
        + "  never_mind: [nvm]\n  thanks: [thanks]\n  bye: [bye]\n  greeting: [hi]\n  acknowledge: [ok]\n"
        + "  filler: [so]\nresume: [where was i]\nrestart: [start over]\nend: [never mind]\nkeep: [keep it]\n"
        + "trouble: [error]\nnegation: [not]\nnegation_weak: [\"no\"]\n";
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

  private static String intent(String id, String examplePrefix) {
    return "id: " + id + "\ntitle: T\nsummary: S\nexamples: [" + IntStream.range(0, 20)
        .mapToObj(i -> "\"" + examplePrefix + " question " + i + "\"").collect(Collectors.joining(", "))
        + "]\nanswer: hello\n";
  }
}
