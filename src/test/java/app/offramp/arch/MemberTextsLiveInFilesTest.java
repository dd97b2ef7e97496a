package app.offramp.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every word a member or staff reads lives in a file (intents/messages/en.yaml, the intents), not in
 * Java: no string literal of four words or more in the fronts or the conversation core, other than
 * what goes to the log, into an exception (for the admin), or is a comment.
 */
class MemberTextsLiveInFilesTest {
  private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern WORD = Pattern.compile("\\p{L}{2,}");
  /** A line that writes to the log or builds an exception: the admin's, not a member's. */
  private static final Pattern NOT_FOR_MEMBERS = Pattern.compile(
      "LOG\\.|Logger|throw new|Exception\\(|new IllegalStateException|new IllegalArgumentException|\\.as\\(|"
          + "orElseThrow\\(|System\\.err|description =|@Option|@Command|@Parameters|failed\\(\"");
  /** A messages-file key, a setting's name, a date pattern: not a sentence. */
  private static final Pattern NOT_A_SENTENCE = Pattern.compile("[A-Za-z0-9_.\\-]+|.*yyyy.*");
  /** Whole files whose texts are for the admin or a developer, and why. */
  private static final java.util.Map<String, String> FOR_ADMINS = java.util.Map.of(
      "TicketChecks.java", "start-up log lines naming a setting and a missing permission",
      "DiscordFront.java", "the health check's reason, for whoever runs the bot");
  /** Single texts allowed, and why. */
  private static final java.util.Map<String, String> ALLOWED = java.util.Map.of(
      "Sorry, something went wrong.", "the last resort when even the messages file cannot be read",
      "  [debug] intent=%s confidence=%.3f kind=%s", "offramp chat --debug, for whoever writes intents",
      "could not read the intent files: ", "a reload's problem, for the admin who ran it");

  @Test
  void noMemberFacingSentenceIsWrittenInJava() throws IOException {
    List<String> found = new ArrayList<>();
    for (String root : List.of("src/main/java/app/offramp/front", "src/main/java/app/offramp/core/conversation",
        "src/main/java/app/offramp/core/service")) {
      try (Stream<Path> files = Files.walk(Path.of(root))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")
            && !FOR_ADMINS.containsKey(f.getFileName().toString())).toList()) {
          scan(file, found);
        }
      }
    }
    assertThat(found).as("sentences in Java a member or staff would read; move them to intents/messages/en.yaml")
        .isEmpty();
  }

  private static void scan(Path file, List<String> found) throws IOException {
    List<String> lines = Files.readAllLines(file);
    boolean inComment = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (inComment) {
        inComment = !line.contains("*/");
        continue;
      }
      if (line.startsWith("/*")) {
        inComment = !line.contains("*/");
        continue;
      }
      if (line.startsWith("//") || line.startsWith("*")) {
        continue;
      }
      // A statement continued from the lines before belongs to them (a log call over three lines).
      String statement = String.join(" ", lines.subList(Math.max(0, i - 2), i + 1));
      if (NOT_FOR_MEMBERS.matcher(statement).find()) {
        continue;
      }
      Matcher m = LITERAL.matcher(line.replaceAll("//.*$", ""));
      while (m.find()) {
        if (NOT_A_SENTENCE.matcher(m.group(1)).matches() || ALLOWED.containsKey(m.group(1))) {
          continue;
        }
        Matcher words = WORD.matcher(m.group(1));
        int count = 0;
        while (words.find()) {
          count++;
        }
        if (count >= 4) {
          found.add(file.getFileName() + ":" + (i + 1) + ": \"" + m.group(1) + "\"");
        }
      }
    }
  }
}
