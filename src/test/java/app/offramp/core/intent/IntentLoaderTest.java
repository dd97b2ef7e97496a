package app.offramp.core.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.offramp.TestPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntentLoaderTest {
  @TempDir Path dir;

  private final IntentLoader loader = new IntentLoader();

  @Test
  void loadsTheProjectsIntentsWithEveryRequiredId() throws Exception {
    IntentCatalog catalog = loader.load(TestPaths.INTENTS);
    assertThat(catalog.intents()).extracting(Intent::id).containsExactlyInAnyOrder("cancel", "backup", "penalty",
        "alternatives", "access_after", "unlimited_vs_prime", "retention_offer", "support", "human", "help");
    assertThat(catalog.intents()).allSatisfy(i -> assertThat(i.examples()).hasSizeGreaterThanOrEqualTo(20));
    assertThat(catalog.intents().get(0).id()).isEqualTo("help");
  }

  @Test
  void cancelHasTheSeedsFiveComputerAndFiveMobileStepsAndItsFollowUps() throws Exception {
    Intent cancel = loader.load(TestPaths.INTENTS).get("cancel");
    Slot slot = cancel.slot().orElseThrow();
    assertThat(slot.values()).extracting(SlotValue::id).containsExactly("computer", "mobile");
    assertThat(cancel.stepsFor("computer")).hasSize(5).first().asString().contains("Log in to your Amazon account");
    assertThat(cancel.stepsFor("computer").get(1)).contains("Account & Lists");
    assertThat(cancel.stepsFor("computer").get(2)).contains("Your Music Subscriptions");
    assertThat(cancel.stepsFor("mobile")).hasSize(5).first().asString().contains("Open the Amazon Music app");
    assertThat(cancel.stepsFor("mobile").get(1)).contains("My Music");
    assertThat(cancel.followUps()).containsExactly("unlimited_vs_prime", "access_after");
    assertThat(cancel.before()).as("the source says to back up before cancelling").containsExactly("backup");
  }

  @Test
  void answersStayFaithfulToTheSeed() throws Exception {
    IntentCatalog catalog = loader.load(TestPaths.INTENTS);
    assertThat(catalog.get("penalty").answer()).contains("no penalty");
    assertThat(catalog.get("access_after").answer()).contains("until the current billing period ends");
    assertThat(catalog.get("alternatives").answer()).contains("Spotify", "Apple Music", "Tidal", "YouTube Music");
    assertThat(catalog.get("unlimited_vs_prime").answer()).contains("two different services");
    assertThat(catalog.get("retention_offer").answer()).contains("discounts or incentives");
    assertThat(catalog.get("backup").answer()).contains("export or save your playlists");
    assertThat(catalog.get("human").callsStaff()).isTrue();
  }

  @Test
  void everyFactStatingIntentCitesAHeadingOfTheSourceDocument() throws Exception {
    IntentCatalog catalog = new IntentLoader(java.util.Optional.of(Path.of("sources", "amazon-music-cancellation.txt")))
        .load(TestPaths.INTENTS);
    assertThat(catalog.intents()).filteredOn(i -> !i.callsStaff() && !i.id().equals(IntentCatalog.HELP_ID))
        .allSatisfy(i -> assertThat(i.source()).as(i.id()).isPresent());
  }

  /** Claims the source article does not make, found in earlier answers: none may come back. */
  @Test
  void noAnswerSaysWhatTheSourceDoesNot() throws Exception {
    IntentCatalog catalog = loader.load(TestPaths.INTENTS);
    for (Intent i : catalog.intents()) {
      String all = String.join("\n", i.intro(), i.answer(), i.outro(), String.join("\n", i.steps()),
          i.slot().map(s -> s.values().stream().flatMap(v -> v.steps().stream()).collect(Collectors.joining("\n")))
              .orElse(""));
      assertThat(all).as(i.id()).doesNotContain("about a minute", "not charged again", "Help / Customer Service",
          "stops playing", "Done!", "are yours");
    }
    assertThat(catalog.get("cancel").intro()).contains("two different services", "discounts or incentives");
  }

  @Test
  void anIntentThatStatesFactsWithoutASourceIsReportedAtItsId() throws IOException {
    write("a.yaml", intent("alpha", "a"));
    assertThat(problems()).extracting(Problem::toString).anySatisfy(p -> assertThat(p)
        .contains("a.yaml:1:5: missing 'source'"));
  }

  @Test
  void aSourceSectionThatIsNotAHeadingOfTheDocumentIsReportedWhereItIsWritten() throws IOException {
    Path doc = dir.resolve("source.txt");
    Files.writeString(doc, "An article\n\nReal Heading\nText.\n");
    Path intents = Files.createDirectory(dir.resolve("intents"));
    Files.writeString(intents.resolve("a.yaml"), intent("alpha", "a")
        + "source:\n  title: An article\n  section: Made-up Heading\n  verified: 2026-11-26\n");
    Files.writeString(intents.resolve("b.yaml"), intent("beta", "b")
        + "source:\n  title: An article\n  section: real heading\n  verified: 2026-11-26\n");
    try {
      new IntentLoader(java.util.Optional.of(doc)).load(intents);
      throw new AssertionError("expected a problem");
    } catch (IntentLoadException e) {
      assertThat(e.problems()).extracting(Problem::toString).singleElement().satisfies(p -> assertThat(p)
          .contains("a.yaml:8:12: source.section 'Made-up Heading' is not a heading of"));
    }
  }

  @Test
  void aVerifiedDateMustBeADate() throws IOException {
    write("a.yaml", intent("alpha", "a") + "source:\n  title: T\n  section: S\n  verified: last tuesday\n");
    assertThat(problems()).extracting(Problem::message).anySatisfy(m -> assertThat(m)
        .contains("source.verified 'last tuesday' is not a date; expected YYYY-MM-DD"));
  }

  /** Regression: "name: Your Platform" validated, then Discord refused the command registration. */
  @Test
  void validateRejectsWhatDiscordWouldRefuse() throws IOException {
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      values.append("    - {id: v").append(i).append(", label: V").append(i).append(", synonyms: [w").append(i)
          .append("], steps: [Do it.]}\n");
    }
    write("a.yaml", "id: alpha\ntitle: T\nsummary: S\nexamples: [" + examples("a") + "]\n"
        + "command: {name: ask, description: D}\n"
        + "slot:\n  name: Your Platform\n  question: Q?\n  values:\n" + values);
    assertThat(problems()).extracting(Problem::message)
        .anySatisfy(m -> assertThat(m).contains("command name 'ask' is built in"))
        .anySatisfy(m -> assertThat(m).contains("slot name 'Your Platform' is not valid"))
        .anySatisfy(m -> assertThat(m).contains("a slot has 30 values; expected at most 24"));
  }

  /** Regression: a 1 MiB intent file validated, then made the chat die with OutOfMemoryError. */
  @Test
  void sizeLimitsKeepLoadingInsideTheHeap() throws IOException {
    String many = IntStream.range(0, IntentFileParser.MAX_EXAMPLES + 1).mapToObj(i -> "question number " + i)
        .collect(Collectors.joining(", "));
    write("a.yaml", "id: alpha\ntitle: T\nsummary: S\nanswer: A\nexamples: [" + many + ", " + "x".repeat(301) + "]\n");
    assertThat(problems()).extracting(Problem::message)
        .anySatisfy(m -> assertThat(m).contains("examples; expected at most " + IntentFileParser.MAX_EXAMPLES))
        .anySatisfy(m -> assertThat(m).contains("is 301 characters; expected at most 300"));
  }

  @Test
  void missingDirectoryIsAnIoErrorNotAProblemList() {
    assertThatThrownBy(() -> loader.load(dir.resolve("nope"))).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void reportsUnknownAndMissingFieldsWithLineAndColumnAllAtOnce() throws IOException {
    write("a.yaml", """
        id: alpha
        title: Alpha
        colour: blue
        examples: [x]
        answer: hello
        """);
    List<Problem> problems = problems();
    assertThat(problems).extracting(Problem::toString).anySatisfy(p -> assertThat(p)
        .endsWith("a.yaml:3:1: unknown field 'colour'; expected one of: id, title, summary, command, examples, intro, "
            + "answer, steps, slot, outro, follow_ups, calls_staff, source, before, variants, requires_words"));
    assertThat(problems).extracting(Problem::message).contains("missing required field 'summary'");
    assertThat(problems).extracting(Problem::message).anySatisfy(m -> assertThat(m).contains("expected at least 20"));
  }

  @Test
  void rejectsDuplicateIdsAcrossFiles() throws IOException {
    write("a.yaml", intent("same", "a"));
    write("b.yaml", intent("same", "b"));
    assertThat(problems()).extracting(Problem::toString)
        .anySatisfy(p -> assertThat(p).contains("b.yaml:1:5: duplicate id 'same', already used in"));
  }

  @Test
  void rejectsAFollowUpThatNamesNoIntent() throws IOException {
    write("a.yaml", intent("alpha", "a") + "follow_ups: [ghost]\n");
    assertThat(problems()).extracting(Problem::toString)
        .anySatisfy(p -> assertThat(p).contains("a.yaml:").contains("follow-up 'ghost' names no topic"));
  }

  @Test
  void rejectsOneExampleInTwoIntents() throws IOException {
    write("a.yaml", intent("alpha", "shared"));
    write("b.yaml", intent("beta", "shared"));
    assertThat(problems()).extracting(Problem::message)
        .anySatisfy(m -> assertThat(m).contains("is also an example of 'alpha'"));
  }

  @Test
  void rejectsAnAnswerThatWouldNotFitADiscordMessage() throws IOException {
    write("b.yaml", """
        id: beta
        title: Beta
        summary: s
        examples: [%s]
        steps:
          - %s
        """.formatted(examples("b"), "y".repeat(1990)));
    assertThat(problems()).extracting(Problem::toString)
        .anySatisfy(p -> assertThat(p).contains("b.yaml:6:5: renders to").contains("expected at most 2000"));
  }

  @Test
  void rejectsAButtonLabelOverEightyCharacters() throws IOException {
    write("a.yaml", """
        id: alpha
        title: Alpha
        summary: s
        examples: [%s]
        slot:
          name: platform
          question: Which?
          values:
            - {id: one, label: %s, synonyms: [one], steps: [do it]}
            - {id: two, label: Two, synonyms: [two], steps: [do it]}
        """.formatted(examples("a"), "L".repeat(81)));
    assertThat(problems()).extracting(Problem::message).contains("'label' is 81 characters; expected at most 80");
  }

  @Test
  void rejectsFilesOverOneMebibyte() throws IOException {
    Files.write(dir.resolve("big.yaml"), ("# " + "x".repeat(1024 * 1024) + "\n").getBytes(StandardCharsets.UTF_8));
    assertThat(problems()).extracting(Problem::toString)
        .anySatisfy(p -> assertThat(p).contains("big.yaml:0:0: file is").contains("at most 1048576 bytes"));
  }

  @Test
  void rejectsYamlAliasesSoAnAliasBombCannotExpand() throws IOException {
    write("bomb.yaml", """
        id: bomb
        title: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        summary: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        examples: [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        answer: boom
        """);
    assertThat(problems()).extracting(Problem::message).anySatisfy(m -> assertThat(m).contains("YAML alias '*a' is not allowed"));
  }

  @Test
  void rejectsInvalidUtf8WithItsLineAndColumn() throws IOException {
    byte[] head = "id: alpha\ntitle: Al".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[head.length + 2];
    System.arraycopy(head, 0, bytes, 0, head.length);
    bytes[head.length] = (byte) 0xC3;
    bytes[head.length + 1] = (byte) 0x28;
    Files.write(dir.resolve("bad.yaml"), bytes);
    assertThat(problems()).extracting(Problem::toString)
        .anySatisfy(p -> assertThat(p).contains("bad.yaml:2:10: invalid UTF-8 (byte 0xC3"));
  }

  @Test
  void reportsMalformedYamlWithItsPosition() throws IOException {
    write("broken.yaml", "id: alpha\ntitle: [unclosed\n");
    assertThat(problems()).extracting(Problem::toString)
        .anySatisfy(p -> assertThat(p).contains("broken.yaml:").contains("not valid YAML"));
  }

  @Test
  void reportsProblemsFromEveryFileInOneLoad() throws IOException {
    write("a.yaml", "id: Alpha Bad\n");
    write("b.yaml", "- just\n- a list\n");
    List<Problem> problems = problems();
    assertThat(problems.stream().map(Problem::file).map(f -> Path.of(f).getFileName().toString()).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("a.yaml", "b.yaml");
  }

  /**
   * Regression (issue 23): with --intents from another directory, a relative content.source-document
   * was read from the working directory and failed; it is read beside the intents directory.
   */
  @Test
  void aRelativeSourceDocumentIsReadBesideTheIntentsDirectory() throws Exception {
    Path site = dir.resolve("site-" + System.nanoTime());
    Path intents = Files.createDirectories(site.resolve("intents"));
    Files.createDirectories(site.resolve("sources"));
    Files.writeString(site.resolve("sources").resolve("doc-for-this-test.txt"), "Some Heading\nbody\n");
    Files.writeString(intents.resolve("a.yaml"), intent("alpha", "a") + "source: {title: T, section: Some Heading, "
        + "verified: 2026-11-26}\n");
    Path relative = Path.of("sources", "doc-for-this-test.txt");
    assertThat(relative).as("not in the working directory").doesNotExist();
    IntentCatalog catalog = new IntentLoader(java.util.Optional.of(relative)).load(intents);
    assertThat(catalog.intents()).extracting(Intent::id).containsExactly("alpha");
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
    return "id: " + id + "\ntitle: T\nsummary: S\nexamples: [" + examples(examplePrefix) + "]\nanswer: hello\n";
  }

  private static String examples(String prefix) {
    return IntStream.range(0, 20).mapToObj(i -> "\"" + prefix + " question " + i + "\"").collect(Collectors.joining(", "));
  }
}
