package app.offramp.e2e;

import static app.offramp.e2e.TicketsIT.WAIT;
import static app.offramp.e2e.TicketsIT.awaitBotMessage;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tickets against the clock, and a server set up wrong, on the packaged jar: with
 * {@code discord.tickets.first-response=2s} the member is told staff are busy and the bot answers
 * again; with {@code discord.tickets.idle-close=4s} a quiet ticket closes with a notice; with the
 * bot denied Create Private Threads in the tickets channel, start-up names the setting, the channel
 * and the permission in one line, and a DM asking for staff is told the truth (ask in the support
 * channel) instead of a ticket.
 */
class TicketTimingIT {
  private static final long MEMBER = 730_000_000_000_000_001L;
  private static final long DM_MEMBER = 730_000_000_000_000_002L;

  private static DiscordEmulator discord;
  private static Process bot;
  private static Path log;

  @BeforeAll
  static void start() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(TicketsIT.SPEC), "../shared/discord/openapi.json is absent");
    discord = new DiscordEmulator(TicketsIT.SPEC);
    discord.denyInTicketsChannel(net.dv8tion.jda.api.Permission.CREATE_PRIVATE_THREADS.getRawValue());
    Path files = Files.createTempDirectory("offramp-ticket-timing");
    log = files.resolve("bot.log");
    bot = BotProcess.start(discord, TicketsIT.env(files, "2s", "4s"), log);
    discord.awaitReady(WAIT);
    // The start-up checks run before the commands are registered: once they are, the line is written.
    discord.await(c -> c.method().equals("PUT") && c.template().contains("/commands"), WAIT, "the commands");
  }

  @AfterAll
  static void stop() throws Exception {
    BotProcess.stop(bot, discord);
  }

  @Test
  void aMissingPermissionIsNamedAtStartUpAndADmIsToldTheTruth() throws Exception {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.contains("tickets:")).toList();
    assertThat(lines).as("one line naming the setting, the channel and the permission").hasSize(1);
    assertThat(lines.get(0)).contains("WARN", "discord.tickets.channel-id " + DiscordEmulator.TICKETS_CHANNEL_ID,
        "#tickets", "Create Private Threads");
    discord.directMessage(DM_MEMBER, "Cy", "can i talk to a real person please");
    awaitBotMessage(discord, DiscordEmulator.dmChannel(DM_MEMBER), "Nobody from the staff can see this chat");
    assertThat(discord.calls(c -> c.is("POST", "/channels/{channel_id}/threads"))).as("no ticket thread").isEmpty();
  }

  @Test
  void nobodyAnswersInTimeThenTheBotSpeaksAgainAndTheQuietTicketCloses() {
    long thread = TicketsIT.staffCallInSupportThread(discord, MEMBER, "Dee");
    awaitBotMessage(discord, thread, "Help wanted");
    awaitBotMessage(discord, thread, "Staff are busy and haven't answered yet");
    assertThat(discord.calls(c -> c.is("POST", TicketsIT.MESSAGES) && c.path().contains("/" + thread + "/")
        && c.body().path("content").asText().contains("Staff are busy"))).as("told once").hasSize(1);
    // The bot answers again, from the walk-through it put aside.
    discord.guildMessage(thread, MEMBER, "Dee", "next", List.of());
    ObjectNode step = awaitBotMessage(discord, thread, "Step 2 of");
    assertThat(step.path("content").asText()).isNotBlank();
    ObjectNode closed = awaitBotMessage(discord, thread, "This ticket was closed after 4 s without a message");
    assertThat(closed.path("content").asText()).contains("Ask again any time");
    discord.await(c -> c.is("PATCH", "/channels/{channel_id}") && c.path().endsWith("/" + thread)
        && c.body().path("locked").asBoolean(), WAIT, "the idle ticket archived and locked");
    assertThat(discord.messagesIn(thread)).as("an idle close asks for no rating: nobody helped")
        .noneMatch(m -> m.path("content").asText().contains("how did the staff do?"));
    assertThat(discord.violations()).as("request bodies Discord's spec rejects").isEmpty();
  }
}
