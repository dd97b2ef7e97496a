package app.offramp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.offramp.adapter.store.RedisServer;
import app.offramp.cli.ServeCommand;
import app.offramp.config.Settings;
import app.offramp.front.discord.DiscordFront;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** With conversation.store=redis a deploy (stop, start) does not drop a member mid-walk-through. */
class RestartEndToEndTest {
  private static final Path SPEC = Path.of("..", "shared", "discord", "openapi.json");
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void aNextClickAfterTheBotRestartedContinuesAtTheNextStep() throws Exception {
    assumeTrue(Files.isRegularFile(SPEC), "../shared/discord/openapi.json is absent: restart test skipped");
    try (RedisServer redis = new RedisServer(); DiscordEmulator discord = new DiscordEmulator(SPEC)) {
      Map<String, String> env = new HashMap<>();
      env.put("DISCORD_TOKEN", DiscordEmulator.TOKEN);
      env.put("OFFRAMP_DISCORD_GUILD_ID", Long.toString(DiscordEmulator.GUILD_ID));
      env.put("OFFRAMP_DISCORD_SUPPORT_CHANNEL_IDS", Long.toString(DiscordEmulator.SUPPORT_CHANNEL_ID));
      env.put("OFFRAMP_DISCORD_REST_URL", discord.restUrl());
      env.put("OFFRAMP_DISCORD_GATEWAY_URL", discord.gatewayUrl());
      env.put("OFFRAMP_CONVERSATION_STORE", "redis");
      env.put("OFFRAMP_CONVERSATION_REDIS_URL", redis.url());
      BotProcess.ownFiles(env);
      long member = 820_000_000_000_000_001L;

      DiscordFront before = ServeCommand.start(Settings.load(Optional.empty(), env));
      long thread = discord.guildMessage(DiscordEmulator.SUPPORT_CHANNEL_ID, member, "rae",
          "how do I cancel amazon music on my phone", List.of());
      discord.await(c -> c.is("POST", "/channels/{channel_id}/messages") && c.path().contains("/" + thread + "/")
          && c.body().path("content").asText().contains("Step 1 of 5"), WAIT, "step 1 in the thread");
      List<ObjectNode> posted = discord.messagesIn(thread);
      ObjectNode stepOne = posted.get(posted.size() - 1);
      before.close();

      DiscordFront after = ServeCommand.start(Settings.load(Optional.empty(), env));
      try {
        long click = discord.click(stepOne, member, "o:" + member + ":nav:next");
        JsonNode body = discord.await(c -> c.is("POST", "/interactions/{interaction_id}/{interaction_token}/callback")
            && c.path().contains("/" + click + "/"), WAIT, "the click's answer").body();
        assertThat(body.path("type").asInt()).as("the message updated in place").isEqualTo(7);
        assertThat(body.at("/data/content").asText()).contains("Step 2 of 5").doesNotContain("expired");
        assertThat(discord.identifies()).isEqualTo(2);
        assertThat(discord.violations()).isEmpty();
      } finally {
        after.close();
      }
    }
  }
}
