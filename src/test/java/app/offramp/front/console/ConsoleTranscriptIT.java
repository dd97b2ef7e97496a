package app.offramp.front.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Whole conversations through the packaged jar, input piped as a user would. */
class ConsoleTranscriptIT {
  private static final Path JAR = Path.of("target", "offramp.jar");

  record Result(int code, String out, String err) {}

  static Result run(String input, Map<String, String> env, String... args) throws Exception {
    assertThat(JAR).exists();
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove("DISCORD_TOKEN");
    pb.environment().remove("OFFRAMP_DISCORD_TOKEN");
    ownFiles(pb);
    pb.environment().putAll(env);
    Path out = Files.createTempFile("out", ".txt");
    Path err = Files.createTempFile("err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the chat ends at the end of input").isTrue();
    return new Result(p.exitValue(), read(out), read(err));
  }

  /**
   * An insights database and example vectors of the tests' own, not insights.db and
   * example-vectors.bin in the project's directory; the vectors are shared by the runs of this JVM,
   * as a restart would find them (a caller's environment may name others).
   */
  private static void ownFiles(ProcessBuilder pb) throws IOException {
    synchronized (ConsoleTranscriptIT.class) {
      if (data == null) {
        data = Files.createTempDirectory("offramp-console");
      }
    }
    pb.environment().putAll(app.offramp.TestPaths.ownFiles(data));
  }

  private static Path data; // guarded by ConsoleTranscriptIT.class

  private static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  @Test
  void thePipedExampleFromTheIssuePrintsTheWholeExchangeAndExitsZero() throws Exception {
    Result r = run("how do I cancel amazon music\n2\nnext\n", Map.of(), "chat");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("> how do I cancel amazon music", "Are you on a computer or in the mobile app?",
        "1. On a computer", "2. In the mobile app", "Step 1 of 5", "Open the Amazon Music app", "Step 2 of 5",
        "Tap the **My Music** icon");
  }

  @Test
  void withNoTokenTheBareJarStartsTheConsoleChatAndSaysHowToConfigureOne() throws Exception {
    Result r = run("is there a penalty for cancelling?\n/quit\n", Map.of());
    assertThat(r.code()).isZero();
    assertThat(r.err().strip()).startsWith("No Discord token configured").contains("DISCORD_TOKEN").doesNotContain("\n");
    assertThat(r.out()).contains("there is no penalty", "Bye.");
  }

  @Test
  void debugShowsIntentAndConfidenceAndResetStartsOver() throws Exception {
    Result r = run("cancel amazon music on my laptop\n/reset\nnext\n/help\n", Map.of(), "chat", "--debug");
    assertThat(r.out()).contains("[debug] intent=cancel confidence=", "Log in to your Amazon account", "Conversation reset.",
        "What I can help with");
    // After /reset, "next" is a fresh message with nothing to continue: it is not a step.
    String afterReset = r.out().substring(r.out().indexOf("Conversation reset."));
    assertThat(afterReset.substring(0, afterReset.indexOf("What I can help with"))).doesNotContain("Step 2 of 5");
  }

  @Test
  void talkToStaffAndDidntWorkAreReachableByNumber() throws Exception {
    Result r = run("cancel amazon music on android\n5\n", Map.of(), "chat");
    assertThat(r.out()).contains("It didn't work", "Trouble cancelling? Contact Amazon");
  }

  @Test
  void aBadIntentsDirectoryIsOneLineAndExitTwo() throws Exception {
    Result r = run("", Map.of(), "chat", "--intents", "does-not-exist");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").doesNotContain("Exception").contains("does-not-exist");
  }

  /** Regression: `yes … | offramp chat | head -2` never ended. */
  @Test
  void theChatStopsWhenItsOutputIsClosed() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        JAR.toString(), "chat");
    pb.environment().remove("DISCORD_TOKEN");
    ownFiles(pb);
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    Thread writer = new Thread(() -> {
      try (var in = p.getOutputStream()) {
        for (int i = 0; i < 1_000_000; i++) {
          in.write("is there a penalty\n".getBytes(StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        // the chat went away: that is the point
      }
    });
    writer.setDaemon(true);
    writer.start();
    var reader = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    assertThat(reader.readLine()).startsWith("Offramp console chat");
    assertThat(reader.readLine()).isNotNull();
    reader.close();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the chat ends once nobody reads it").isTrue();
  }

  /** Regression: a bad setting was reported as "could not connect to Discord … (ConfigException)". */
  @Test
  void serveWithABadSettingNamesTheSettingAndNeverConnects() throws Exception {
    Result r = run("", Map.of("DISCORD_TOKEN", "fake-token-for-tests", "OFFRAMP_DISCORD_GUILD_ID", "abc"), "serve");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).contains("discord.guild-id").doesNotContain("connect").doesNotContain("fake-token");
  }

  /** Regression: a 200,000-character line hung the chat (a backtracking regex on trailing punctuation). */
  @Test
  void aHugeLineIsAnsweredAndTheChatGoesOn() throws Exception {
    Result r = run("cancel " + ".".repeat(100_000) + "a".repeat(100_000) + "\nis there a penalty for cancelling\n",
        Map.of(), "chat");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("no penalty");
  }
}
