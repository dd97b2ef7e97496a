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
      ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-jar", Path.of("target", "offramp.jar").toString());
      pb.environment().put("DISCORD_TOKEN", DiscordEmulator.TOKEN);
      pb.environment().put("OFFRAMP_DISCORD_GUILD_ID", Long.toString(DiscordEmulator.GUILD_ID));
      pb.environment().put("OFFRAMP_DISCORD_SUPPORT_CHANNEL_IDS", Long.toString(DiscordEmulator.SUPPORT_CHANNEL_ID));
      pb.environment().put("OFFRAMP_DISCORD_REST_URL", discord.restUrl());
      pb.environment().put("OFFRAMP_DISCORD_GATEWAY_URL", discord.gatewayUrl());
      Path out = Files.createTempFile("serve", ".out");
      Path err = Files.createTempFile("serve", ".err");
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process process = pb.start();
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
      String logs = Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8);
      assertThat(logs).contains("Invite: ").doesNotContain(DiscordEmulator.TOKEN).doesNotContain("Exception");
      assertThat(discord.violations()).isEmpty();
      assertThat(List.of(143, 0)).as("exit status after SIGTERM").contains(process.exitValue());
    }
  }
}
