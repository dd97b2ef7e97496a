package app.offramp.core.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.offramp.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The translations beside the intents, as validate reads them (issue 25). */
class TranslationFilesTest {
  @TempDir
  Path dir;

  /** A copy of the project's intents directory, translations and messages included. */
  private Path copy() throws IOException {
    try (Stream<Path> all = Files.walk(TestPaths.INTENTS)) {
      for (Path from : all.toList()) {
        Path to = dir.resolve(TestPaths.INTENTS.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    }
    return dir;
  }

  @Test
  void theProjectsFiveTranslationsAreCompleteAndFaithfulInShape() throws Exception {
    IntentCatalog catalog = new IntentLoader().load(TestPaths.INTENTS);
    assertThat(catalog.languages()).containsExactly("de", "en", "es", "fr", "it", "pt");
    assertThat(catalog.warnings()).as("nothing left in English").isEmpty();
    for (String language : catalog.languages()) {
      IntentCatalog in = catalog.in(language);
      for (Intent en : catalog.intents()) {
        Intent tr = in.get(en.id());
        assertThat(tr.steps()).hasSameSizeAs(en.steps());
        en.slot().ifPresent(s -> s.values().forEach(v -> assertThat(tr.stepsFor(v.id())).as(language + " " + v.id())
            .hasSameSizeAs(v.steps())));
        assertThat(tr.followUps()).isEqualTo(en.followUps());
        assertThat(tr.source()).isEqualTo(en.source());
        assertThat(tr.variants()).hasSameSizeAs(en.variants());
        if (!language.equals("en")) {
          assertThat(tr.title()).as(language + " " + en.id() + " is translated").isNotEqualTo(en.title());
        }
      }
    }
  }

  @Test
  void aTranslatedIntentWithAnotherNumberOfStepsFailsValidation() throws Exception {
    Path intents = copy();
    Path es = intents.resolve("i18n/es.yaml");
    String text = Files.readString(es);
    // Drop the mobile walk-through's last step.
    int mobile = text.indexOf("      mobile:");
    int steps = text.indexOf("        steps:", mobile);
    int last = text.indexOf("        - ", text.indexOf("        - ", text.indexOf("        - ", text.indexOf("        - ",
        text.indexOf("        - ", steps) + 1) + 1) + 1) + 1);
    int end = text.indexOf("\n", last) + 1;
    while (text.startsWith("          ", end)) { // a step folded over several lines
      end = text.indexOf("\n", end) + 1;
    }
    Files.writeString(es, text.substring(0, last) + text.substring(end));
    assertThatThrownBy(() -> new IntentLoader().load(intents)).isInstanceOf(IntentLoadException.class)
        .satisfies(e -> assertThat(((IntentLoadException) e).problems()).anySatisfy(p -> {
          assertThat(p.file()).endsWith("es.yaml");
          assertThat(p.line()).isPositive();
          assertThat(p.message()).contains("cancel.slot.values.mobile.steps", "has 4 steps; expected 5");
        }));
  }

  @Test
  void aMessagesFileMissingAKeyFailsValidation() throws Exception {
    Path intents = copy();
    Path de = intents.resolve("messages/de.yaml");
    Files.writeString(de, Files.readString(de).replaceAll("(?m)^button\\.next:.*\\n", ""));
    assertThatThrownBy(() -> new IntentLoader().load(intents)).isInstanceOf(IntentLoadException.class)
        .satisfies(e -> assertThat(((IntentLoadException) e).problems()).anySatisfy(p -> {
          assertThat(p.file()).endsWith("de.yaml");
          assertThat(p.message()).contains("missing message 'button.next'");
        }));
  }

  @Test
  void aMissingPieceIsEnglishAndAWarningNotAFailure() throws Exception {
    Path intents = copy();
    Path fr = intents.resolve("i18n/fr.yaml");
    Files.writeString(fr, Files.readString(fr).replaceFirst("(?m)^    title: .*\\n", ""));
    IntentCatalog catalog = new IntentLoader().load(intents);
    assertThat(catalog.warnings()).singleElement().satisfies(w -> {
      assertThat(w.file()).endsWith("fr.yaml");
      assertThat(w.message()).contains("title' is not translated; English is used");
    });
    // The first topic of the file (access_after) lost its title: English for it, French for the rest.
    assertThat(catalog.in("fr").get("access_after").title()).isEqualTo(catalog.get("access_after").title());
    assertThat(catalog.in("fr").get("backup").title()).isNotEqualTo(catalog.get("backup").title());
  }

  @Test
  void anIntentTheEnglishLacksAndAWrongLanguageCodeAreErrors() throws Exception {
    Path intents = copy();
    Path it = intents.resolve("i18n/it.yaml");
    Files.writeString(it, Files.readString(it).replaceFirst("intents:\\n", "intents:\n  ghost:\n    title: Fantasma\n"));
    Files.writeString(intents.resolve("i18n/english.yaml"), "language: english\nintents: {}\n");
    assertThatThrownBy(() -> new IntentLoader().load(intents)).isInstanceOf(IntentLoadException.class)
        .satisfies(e -> assertThat(((IntentLoadException) e).problems()).extracting(Problem::message)
            .anySatisfy(m -> assertThat(m).contains("'ghost' is not an intent"))
            .anySatisfy(m -> assertThat(m).contains("'english' is not a language code")));
  }
}
