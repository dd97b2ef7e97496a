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
  void theBareJarServesDiscordWhenATokenIsSetAndStopsCleanlyOnSigterm() throws Exception {
    assumeTrue(Files.isRegularFile(SPEC), "../shared/discord/openapi.json is absent: serve process test skipped");
    try (DiscordEmulator discord = new DiscordEmulator(SPEC)) {
      Path log = Files.createTempFile("serve", ".log");
      Process process = BotProcess.start(discord, java.util.Map.of(), log);
      try {
        discord.await(c -> c.is("PUT", "/applications/{application_id}/guilds/{guild_id}/commands"), WAIT, "commands");
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
    }
  }
}
