package app.offramp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import app.offramp.adapter.store.RedisServer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 26: two processes of the packaged bot, one shard each, conversations in one Redis (as
 * {@code conversation.store=redis} runs it), each with its own copy of the intents. A lesson staff
 * teach in one (the guild's shard) reaches the other over Redis, which then answers the question
 * within seconds, without a restart, and has the lesson in its own learned.yaml.
 */
class LessonsAcrossProcessesIT {
  static final Path SPEC = Path.of("..", "shared", "discord", "openapi.json");
  static final Duration WAIT = Duration.ofSeconds(60);
  static final String QUESTION = "i cant find where to end this thing in the app settings";
  static final long STAFF = 750_000_000_000_000_001L;
  static final long MANAGE_SERVER = net.dv8tion.jda.api.Permission.MANAGE_SERVER.getRawValue();

  @Test
  void aLessonTaughtInOneProcessIsAnsweredByTheOtherWithinSeconds() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(SPEC), "../shared/discord/openapi.json is absent");
    Path files = Files.createTempDirectory("offramp-lessons");
    Process dms = null;
    Process guild = null;
    try (RedisServer redis = new RedisServer(); DiscordEmulator discord = new DiscordEmulator(SPEC)) {
      // Shard 0 answers DMs; shard 1 holds the guild, where staff run /offramp review.
      dms = BotProcess.start(discord, env(files, "dms", redis, "0"), files.resolve("dms.log"));
      guild = BotProcess.start(discord, env(files, "guild", redis, "1"), files.resolve("guild.log"));
      discord.awaitShards(2, WAIT);
      discord.await(c -> c.method().equals("PUT") && c.template().contains("/commands"), WAIT, "the guild's commands");
      long member = 750_000_000_000_000_010L;
      ReviewIT.awaitTrue(() -> Files.readString(files.resolve("dms.log")).contains("listening for other processes' lessons")
          && Files.readString(files.resolve("guild.log")).contains("listening for other processes' lessons"),
          "both processes listening for lessons");
      assertThat(ReviewIT.ask(discord, member, QUESTION)).as("missed, in the DM process").doesNotContain("Step 1 of");
      assertThat(ReviewIT.ask(discord, member + 1, QUESTION)).doesNotContain("Step 1 of");
      ReviewIT.awaitTrue(() -> ReviewIT.unansweredWithText(files.resolve("insights.db")) >= 2, "the misses in the shared insights database");
      ReviewIT.awaitTrue(() -> Files.readString(files.resolve("guild.log")).contains("insights: recording to"),
          "the guild process's insights open");

      Map<String, String> sub = new HashMap<>();
      sub.put("review", null);
      TicketsIT.awaitCallback(discord, discord.slash("offramp", sub, STAFF, DiscordEmulator.OTHER_CHANNEL_ID,
          DiscordEmulator.EVERYONE_PERMISSIONS | MANAGE_SERVER));
      ObjectNode panel = ReviewIT.reviewMessage(discord, 1);
      assertThat(panel.path("content").asText()).contains("asked 2 times by 2 members", "end this thing");
      discord.select(panel, STAFF, DiscordEmulator.EVERYONE_PERMISSIONS | MANAGE_SERVER,
          panel.at("/components/0/components/0/custom_id").asText(), "cancel");
      assertThat(ReviewIT.reviewMessage(discord, 2).path("content").asText()).startsWith("Learned: 1 example(s)");
      long taught = System.nanoTime();
      assertThat(Files.readString(files.resolve("guild").resolve("intents").resolve("learned.yaml"))).contains(QUESTION);

      ReviewIT.awaitTrue(() -> Files.readString(files.resolve("dms.log")).contains("lessons from another process"),
          "the other process to take the lesson");
      String answer = ReviewIT.ask(discord, member + 2, QUESTION);
      long seconds = Duration.ofNanos(System.nanoTime() - taught).toMillis();
      assertThat(answer).as("answered by the other process, %d ms after the lesson", seconds).contains("Step 1 of");
      assertThat(Files.readString(files.resolve("dms").resolve("intents").resolve("learned.yaml"),
          StandardCharsets.UTF_8)).as("kept on its own disk too").contains(QUESTION);
      System.out.println("lesson taught in one process, answered by the other after " + seconds + " ms");
      assertThat(discord.violations()).isEmpty();
    } finally {
      for (Process p : new Process[] {dms, guild}) {
        if (p != null) {
          p.destroyForcibly();
        }
      }
    }
  }

  private static Map<String, String> env(Path files, String name, RedisServer redis, String shard) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("OFFRAMP_DISCORD_SHARDS", "2");
    env.put("OFFRAMP_DISCORD_SHARD_IDS", shard);
    env.put("OFFRAMP_CONVERSATION_STORE", "redis");
    env.put("OFFRAMP_CONVERSATION_REDIS_URL", redis.url());
    env.put("OFFRAMP_DISCORD_STAFF_ROLE_ID", Long.toString(DiscordEmulator.STAFF_ROLE_ID));
    env.put("OFFRAMP_INSIGHTS_JDBC_URL", "jdbc:sqlite:" + files.resolve("insights.db"));
    env.put("OFFRAMP_INTENTS_DIR", app.offramp.TestPaths.copyOfIntents(files.resolve(name).resolve("intents")).toString());
    env.put("OFFRAMP_MATCH_VECTORS_CACHE", files.resolve(name + "-vectors.bin").toString());
    return env;
  }
}
