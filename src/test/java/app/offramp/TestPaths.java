package app.offramp;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where tests find the project's real intents and the shared evaluation data. */
public final class TestPaths {
  public static final Path INTENTS = Path.of("intents");
  public static final Path OWN_LABELLED = Path.of("src/test/resources/labelled/offramp-questions.jsonl");
  public static final Path SHARED_EVAL = Path.of("..", "shared", "eval");

  private TestPaths() {}

  public static boolean sharedEvalPresent() {
    return Files.isDirectory(SHARED_EVAL);
  }
}
