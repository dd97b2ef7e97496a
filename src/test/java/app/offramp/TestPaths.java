package app.offramp;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where tests find the project's real intents and the shared evaluation data. */
public final class TestPaths {
  public static final Path INTENTS = Path.of("intents");
  public static final Path OWN_LABELLED = Path.of("intents/labelled.jsonl");
  public static final Path SHARED_EVAL = Path.of("..", "shared", "eval");

  private TestPaths() {}

  /**
   * The settings (as environment variables) that put a bot's insights database and example vectors
   * in {@code dir}, not insights.db and example-vectors.bin in the project's directory.
   */
  public static java.util.Map<String, String> ownFiles(Path dir) {
    return java.util.Map.of("OFFRAMP_INSIGHTS_JDBC_URL", "jdbc:sqlite:" + dir.resolve("insights.db"),
        "OFFRAMP_MATCH_VECTORS_CACHE", dir.resolve("example-vectors.bin").toString());
  }

  /** A copy of the project's intents (translations, messages, labelled set) in {@code to}, for a test that writes there. */
  public static Path copyOfIntents(Path to) throws java.io.IOException {
    try (var walk = Files.walk(INTENTS)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(INTENTS.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return to;
  }

  public static boolean sharedEvalPresent() {
    return Files.isDirectory(SHARED_EVAL);
  }
}
