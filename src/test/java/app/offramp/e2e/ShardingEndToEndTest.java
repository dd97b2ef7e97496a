package app.offramp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.offramp.adapter.store.RedisServer;
import app.offramp.cli.ServeCommand;
import app.offramp.config.Settings;
import app.offramp.front.discord.DiscordFront;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * One bot run as two processes (here two fronts in one JVM), each holding one of two shards and
 * sharing conversations through Redis, against the emulator routing as Discord does: each guild's
 * events on shard (guild_id >> 22) % 2, DMs on shard 0.
 */
class ShardingEndToEndTest {
  private static final Path SPEC = Path.of("..", "shared", "discord", "openapi.json");
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String MESSAGES = "/channels/{channel_id}/messages";
  private static final String THREADS = "/channels/{channel_id}/messages/{message_id}/threads";

  @Test
  void twoProcessesWithOneShardEachAnswerTheirOwnGuildsAndDms() throws Exception {
    assumeTrue(Files.isRegularFile(SPEC), "../shared/discord/openapi.json is absent: sharding test skipped");
    try (RedisServer redis = new RedisServer(); DiscordEmulator discord = new DiscordEmulator(SPEC)) {
      DiscordFront shard0 = ServeCommand.start(Settings.load(Optional.empty(), env(discord, redis, "0")));
      DiscordFront shard1 = ServeCommand.start(Settings.load(Optional.empty(), env(discord, redis, "1")));
      try {
        assertThat(discord.identifiedShards()).containsExactlyInAnyOrder("0/2", "1/2");
        assertThat(shard0.shards().getGuildById(DiscordEmulator.SECOND_GUILD_ID)).as("second guild on shard 0").isNotNull();
        assertThat(shard0.shards().getGuildById(DiscordEmulator.GUILD_ID)).isNull();
        assertThat(shard1.shards().getGuildById(DiscordEmulator.GUILD_ID)).as("first guild on shard 1").isNotNull();

        long dmMember = 810_000_000_000_000_001L;
        discord.directMessage(dmMember, "dana", "is there a penalty for cancelling");
        discord.await(c -> c.is("POST", MESSAGES) && c.path().contains("/" + DiscordEmulator.dmChannel(dmMember) + "/")
            && c.body().path("content").asText().contains("no penalty"), WAIT, "the DM answer (shard 0)");

        long first = discord.guildMessage(DiscordEmulator.SUPPORT_CHANNEL_ID, 810_000_000_000_000_002L, "finn",
            "is there a penalty for cancelling", List.of());
        long second = discord.guildMessage(DiscordEmulator.SECOND_SUPPORT_CHANNEL_ID, 810_000_000_000_000_003L, "sol",
            "how do I cancel amazon music on my phone", List.of());
        for (long question : List.of(first, second)) {
          discord.await(c -> c.is("POST", THREADS) && c.path().contains("/" + question + "/"), WAIT, "thread on " + question);
          discord.await(c -> c.is("POST", MESSAGES) && c.path().contains("/" + question + "/") && c.status() == 200, WAIT,
              "answer in the thread on " + question);
        }
        assertThat(discord.calls(c -> c.is("POST", THREADS))).as("each question answered once, by one process").hasSize(2);
        assertThat(discord.violations()).isEmpty();
      } finally {
        shard0.close();
        shard1.close();
      }
    }
  }

  private static Map<String, String> env(DiscordEmulator discord, RedisServer redis, String shardIds) throws java.io.IOException {
    Map<String, String> env = new HashMap<>();
    env.put("DISCORD_TOKEN", DiscordEmulator.TOKEN);
    env.put("OFFRAMP_DISCORD_GUILD_ID", Long.toString(DiscordEmulator.GUILD_ID));
    env.put("OFFRAMP_DISCORD_SUPPORT_CHANNEL_IDS",
        DiscordEmulator.SUPPORT_CHANNEL_ID + "," + DiscordEmulator.SECOND_SUPPORT_CHANNEL_ID);
    env.put("OFFRAMP_DISCORD_REST_URL", discord.restUrl());
    env.put("OFFRAMP_DISCORD_GATEWAY_URL", discord.gatewayUrl());
    env.put("OFFRAMP_DISCORD_SHARDS", "2");
    env.put("OFFRAMP_DISCORD_SHARD_IDS", shardIds);
    env.put("OFFRAMP_CONVERSATION_STORE", "redis");
    env.put("OFFRAMP_CONVERSATION_REDIS_URL", redis.url());
    BotProcess.ownFiles(env);
    return env;
  }
}
