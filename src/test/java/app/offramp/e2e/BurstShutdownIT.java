package app.offramp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM in the middle of a burst, on the packaged jar against the emulator with Discord's round
 * trip emulated (20 ms): every thread the bot opened has its first message, nothing under way is
 * lost, and the log accounts for every question (answered, or left to humans and counted).
 */
class BurstShutdownIT {
  private static final Path SPEC = Path.of("..", "shared", "discord", "openapi.json");
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int BURST = 200;
  private static final Pattern ACCOUNT = Pattern.compile(
      "stopped taking questions: (\\d+) replies not sent after \\S+; (\\d+) questions left to humans");

  @Test
  void sigtermDuringABurstLeavesNoThreadWithoutItsAnswerAndCountsEveryQuestion() throws Exception {
    assumeTrue(Files.isRegularFile(SPEC), "../shared/discord/openapi.json is absent: burst shutdown test skipped");
    try (DiscordEmulator discord = new DiscordEmulator(SPEC)) {
      discord.roundTrip(Duration.ofMillis(20));
      Path log = Files.createTempFile("burst", ".log");
      Process process = BotProcess.start(discord, java.util.Map.of(), log);
      try {
        discord.awaitReady(WAIT);
        // Serving for real: the first answer is out, so the matcher is ready.
        discord.directMessage(700_000_000_000_000_001L, "first", "is there a penalty for cancelling");
        discord.await(c -> c.is("POST", "/channels/{channel_id}/messages")
            && c.path().contains("/" + DiscordEmulator.dmChannel(700_000_000_000_000_001L) + "/"), WAIT, "the first answer");
        for (int i = 0; i < BURST; i++) {
          discord.guildMessage(DiscordEmulator.SUPPORT_CHANNEL_ID, 710_000_000_000_000_000L + i, "m" + i,
              i % 2 == 0 ? "how do I cancel amazon music on my phone" : "is there a penalty for cancelling", List.of());
        }
        // Stop with the burst under way: threads opening one at a time, the channel's backlog full.
        discord.awaitCount(c -> c.is("POST", "/channels/{channel_id}/messages/{message_id}/threads"), 20, WAIT,
            "twenty threads");
        process.destroy();
        assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("stops after SIGTERM").isTrue();
      } finally {
        process.destroyForcibly();
      }
      String logs = Files.readString(log, StandardCharsets.UTF_8);
      List<DiscordEmulator.Call> threads = discord.calls(c -> c.is("POST", "/channels/{channel_id}/messages/{message_id}/threads"));
      Set<String> answered = discord.calls(c -> c.is("POST", "/channels/{channel_id}/messages") && c.status() == 200).stream()
          .map(c -> c.path().split("/")[4]).collect(Collectors.toSet());
      List<String> withoutAnswer = threads.stream().map(c -> c.path().split("/")[6]).filter(id -> !answered.contains(id)).toList();
      assertThat(threads).as("threads opened before the bot stopped").isNotEmpty();
      assertThat(withoutAnswer).as("threads left without their first message").isEmpty();
      Matcher account = ACCOUNT.matcher(logs);
      assertThat(account.find()).as("the shutdown's accounting line in:\n" + logs).isTrue();
      assertThat(account.group(1)).as("replies not sent").isEqualTo("0");
      assertThat(threads.size() + Integer.parseInt(account.group(2))).as("answered + left to humans").isEqualTo(BURST);
      System.out.println(account.group(0) + "; threads opened and answered: " + threads.size());
      assertThat(logs).doesNotContain("Requester has been stopped").doesNotContain(DiscordEmulator.TOKEN);
    }
  }
}
