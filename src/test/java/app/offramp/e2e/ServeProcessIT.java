package app.offramp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar, as an admin runs it: {@code java -jar target/offramp.jar} with a token in the
 * environment connects (here to the emulator), answers, and on SIGTERM shuts down cleanly.
 */
class ServeProcessIT {
  private static final Path SPEC = Path.of("..", "shared", "discord", "openapi.json");
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void theBareJarServesDiscordWhenATokenIsSetRecordsItsTurnsAndStopsCleanlyOnSigterm() throws Exception {
    assumeTrue(Files.isRegularFile(SPEC), "../shared/discord/openapi.json is absent: serve process test skipped");
    try (DiscordEmulator discord = new DiscordEmulator(SPEC)) {
      Path log = Files.createTempFile("serve", ".log");
      Path insights = Files.createTempDirectory("serve-insights").resolve("insights.db");
      Process process = BotProcess.start(discord, java.util.Map.of("OFFRAMP_INSIGHTS_JDBC_URL", "jdbc:sqlite:" + insights),
          log);
      try {
        // Asked the moment the bot is connected: the matcher is still loading and the insights
        // database opens only after it, so this turn is held for the database, then written.
        discord.awaitReady(WAIT);
        long member = 700000000000000001L;
        discord.directMessage(member, "kim", "is there a penalty for cancelling");
        discord.await(c -> c.is("POST", "/channels/{channel_id}/messages")
            && c.path().contains("/" + DiscordEmulator.dmChannel(member) + "/")
            && c.body().path("content").asText().contains("no penalty"), WAIT, "the DM answer");
        process.destroy();
        assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        assertThat(discord.awaitClientClose(WAIT)).as("a normal gateway close").isIn(1000, 1001);
      } finally {
        process.destroyForcibly();
      }
      String logs = Files.readString(log, StandardCharsets.UTF_8);
      assertThat(logs).contains("Invite: ").doesNotContain(DiscordEmulator.TOKEN).doesNotContain("Exception");
      assertThat(discord.violations()).isEmpty();
      assertThat(List.of(143, 0)).as("exit status after SIGTERM").contains(process.exitValue());
      try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + insights);
          java.sql.ResultSet r = db.createStatement().executeQuery("SELECT place, intent, outcome FROM turns")) {
        assertThat(r.next()).as("the turn answered before the insights database was open is recorded").isTrue();
        assertThat(r.getString(1) + " " + r.getString(2) + " " + r.getString(3)).isEqualTo("dm penalty answered");
      }
    }
  }

  /**
   * Regression (issue 23): SIGTERM 0.4 to 2 s after serve started killed the JVM in libonnxruntime
   * (SIGSEGV, exit 134, an hs_err file) in 4 of 28 tries: the model was loading while the JVM tore
   * down. Now the stop waits for the native call under way and refuses new ones.
   */
  @Test
  void aStopAtAnyMomentOfTheStartNeverCrashesTheJvm() throws Exception {
    assumeTrue(Files.isRegularFile(SPEC), "../shared/discord/openapi.json is absent: serve process test skipped");
    Path crashes = Files.createTempDirectory("serve-crash");
    try (DiscordEmulator discord = new DiscordEmulator(SPEC)) {
      for (long delay : new long[] {300, 500, 700, 900, 1100, 1400, 1700, 2000}) {
        Path log = Files.createTempFile("serve-stop", ".log");
        Process process = BotProcess.start(discord, java.util.Map.of("JAVA_TOOL_OPTIONS",
            "-XX:ErrorFile=" + crashes.resolve("hs_err_pid%p.log")), log);
        try {
          // The stimulus is the moment of the signal: the process may also end by itself before it.
          process.waitFor(delay, TimeUnit.MILLISECONDS);
          process.destroy();
          assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("stops after %d ms", delay).isTrue();
        } finally {
          process.destroyForcibly();
        }
        assertThat(process.exitValue()).as("exit status when stopped %d ms after start; log:%n%s", delay,
            Files.readString(log, StandardCharsets.UTF_8)).isIn(0, 143);
      }
      try (java.util.stream.Stream<Path> files = Files.list(crashes)) {
        assertThat(files).as("no JVM crash report").isEmpty();
      }
    }
  }
}
