package app.offramp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Tickets (issue 24) on the packaged jar against the emulator: the card with a staff call in a
 * support thread, Claim by staff and the refusal for a member, Close with the rating and the
 * transcript, a DM staff call opening a private ticket thread, /offramp tickets, and the figures
 * {@code offramp report --json} then has. Every request body is checked against Discord's spec.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TicketsIT {
  static final Path SPEC = Path.of("..", "shared", "discord", "openapi.json");
  static final Duration WAIT = Duration.ofSeconds(30);
  static final String MESSAGES = "/channels/{channel_id}/messages";
  static final String THREADS = "/channels/{channel_id}/messages/{message_id}/threads";
  static final String CALLBACK = "/interactions/{interaction_id}/{interaction_token}/callback";
  private static final long MEMBER = 720_000_000_000_000_001L;
  private static final long STAFF = 720_000_000_000_000_002L;
  private static final long BYSTANDER = 720_000_000_000_000_003L;
  private static final long DM_MEMBER = 720_000_000_000_000_004L;
  private static final long MODERATOR = 720_000_000_000_000_005L;

  private static DiscordEmulator discord;
  private static Process bot;
  private static Path log;
  private static Path files;
  /** The support thread of the first scenarios, and its card. */
  private static long thread;
  private static ObjectNode card;

  @BeforeAll
  static void start() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(SPEC), "../shared/discord/openapi.json is absent");
    discord = new DiscordEmulator(SPEC);
    files = Files.createTempDirectory("offramp-tickets");
    log = files.resolve("bot.log");
    bot = BotProcess.start(discord, env(files, "15m", "48h"), log);
    discord.awaitReady(WAIT);
    discord.await(c -> c.method().equals("PUT") && c.template().contains("/commands"), WAIT, "the commands");
  }

  /** The bot's settings for these scenarios: staff role, tickets and log channels, insights in {@code dir}. */
  static Map<String, String> env(Path dir, String firstResponse, String idleClose) {
    Map<String, String> env = new HashMap<>();
    env.put("OFFRAMP_DISCORD_STAFF_ROLE_ID", Long.toString(DiscordEmulator.STAFF_ROLE_ID));
    env.put("OFFRAMP_DISCORD_TICKETS_CHANNEL_ID", Long.toString(DiscordEmulator.TICKETS_CHANNEL_ID));
    env.put("OFFRAMP_DISCORD_TICKETS_LOG_CHANNEL_ID", Long.toString(DiscordEmulator.LOG_CHANNEL_ID));
    env.put("OFFRAMP_DISCORD_TICKETS_FIRST_RESPONSE", firstResponse);
    env.put("OFFRAMP_DISCORD_TICKETS_IDLE_CLOSE", idleClose);
    env.put("OFFRAMP_INSIGHTS_JDBC_URL", "jdbc:sqlite:" + dir.resolve("insights.db"));
    env.put("OFFRAMP_DISCORD_FLOOD_MAX_EVENTS", "100");
    return env;
  }

  @AfterAll
  static void stop() throws Exception {
    BotProcess.stop(bot, discord);
  }

  @AfterEach
  void everyRequestFitsDiscordsSpec() {
    if (discord != null) {
      assertThat(discord.violations()).as("request bodies Discord's spec rejects").isEmpty();
    }
  }

  static String customId(long member, String choice) {
    return "o:" + member + ":" + choice;
  }

  static DiscordEmulator.Call awaitCallback(DiscordEmulator discord, long interactionId) {
    return discord.await(c -> c.is("POST", CALLBACK) && c.path().contains("/" + interactionId + "/"), WAIT,
        "the answer to interaction " + interactionId);
  }

  /** The bot's latest message in a channel whose text contains {@code text}, once it was posted. */
  static ObjectNode awaitBotMessage(DiscordEmulator discord, long channelId, String text) {
    discord.await(c -> c.is("POST", MESSAGES) && c.status() == 200 && c.path().contains("/" + channelId + "/")
        && (c.body().path("content").asText().contains(text) || c.body().path("embeds").toString().contains(text)),
        WAIT, "a message in " + channelId + " with '" + text + "'");
    return discord.messagesIn(channelId).stream().filter(m -> m.path("content").asText().contains(text)
        || m.path("embeds").toString().contains(text)).reduce((a, b) -> b).orElseThrow();
  }

  /** A member asks in the support channel, picks up the walk-through and calls staff; returns the thread. */
  static long staffCallInSupportThread(DiscordEmulator discord, long member, String name) {
    long question = discord.guildMessage(DiscordEmulator.SUPPORT_CHANNEL_ID, member, name,
        "how do i cancel amazon music on my iphone", List.of());
    discord.await(c -> c.is("POST", THREADS) && c.path().contains("/" + question + "/"), WAIT, "the thread");
    ObjectNode step = awaitBotMessage(discord, question, "Step 1 of");
    awaitCallback(discord, discord.click(step, member, customId(member, "nav:didnt")));
    discord.guildMessage(question, member, name, "there is no cancel button in my app", List.of());
    discord.awaitCount(c -> c.is("POST", MESSAGES) && c.status() == 200 && c.path().contains("/" + question + "/"), 2,
        WAIT, "the answer to the typed trouble");
    // Typed, not clicked: a click on the newest message races the bot's noting it as the newest.
    discord.guildMessage(question, member, name, "can i talk to a person about this", List.of());
    return question;
  }

  @Test
  @Order(1)
  void aStaffCallInASupportThreadPostsTheCardWithTheMembersContext() {
    thread = staffCallInSupportThread(discord, MEMBER, "Ana");
    card = awaitBotMessage(discord, thread, "Help wanted");
    DiscordEmulator.Call post = discord.await(c -> c.is("POST", MESSAGES) && c.path().contains("/" + thread + "/")
        && c.body().has("embeds") && c.body().path("embeds").size() == 1, WAIT, "the card");
    JsonNode body = post.body();
    assertThat(body.path("content").asText()).contains("<@&" + DiscordEmulator.STAFF_ROLE_ID + ">", "<@" + MEMBER + ">");
    assertThat(body.at("/allowed_mentions/roles")).hasSize(1);
    assertThat(body.at("/allowed_mentions/users")).isEmpty();
    assertThat(body.at("/allowed_mentions/parse")).isEmpty();
    Map<String, String> fields = new HashMap<>();
    body.at("/embeds/0/fields").forEach(f -> fields.put(f.path("name").asText(), f.path("value").asText()));
    assertThat(fields.get("Member")).contains("<@" + MEMBER + ">", "Ana");
    assertThat(fields.get("Topic")).isEqualTo("Cancel Amazon Music");
    assertThat(fields.get("Platform")).isEqualTo("In the mobile app");
    assertThat(fields.get("Step reached")).startsWith("Step 1 of");
    assertThat(fields.get("\"It didn't work\" on")).startsWith("Step 1 of");
    assertThat(fields.get("Language")).isEqualTo("English (en)");
    assertThat(fields.get("Conversation started")).matches("<t:\\d+:R>");
    assertThat(fields.get("The member's messages"))
        .as("read back from Discord: the question the thread was opened on, and what came after")
        .contains("how do i cancel amazon music on my iphone", "there is no cancel button in my app",
            "can i talk to a person about this");
    assertThat(discord.calls(c -> c.is("GET", "/channels/{channel_id}/messages") && c.path().contains("/" + thread + "/")))
        .as("the thread's history read").isNotEmpty();
    List<String> buttons = new ArrayList<>();
    card.path("components").forEach(row -> row.path("components").forEach(b -> buttons.add(b.path("custom_id").asText())));
    assertThat(buttons).containsExactly("t:claim:" + thread, "t:close:" + thread);
  }

  @Test
  @Order(2)
  void claimIsRefusedToAMemberAndTakenByStaffOnce() {
    JsonNode refused = awaitCallback(discord, discord.click(card, BYSTANDER, "t:claim:" + thread)).body();
    assertThat(refused.at("/data/flags").asInt() & 64).as("ephemeral").isEqualTo(64);
    assertThat(refused.at("/data/content").asText()).contains("Only staff");
    JsonNode claimed = awaitCallback(discord, discord.clickWithRoles(card, STAFF,
        List.of(DiscordEmulator.STAFF_ROLE_ID), "t:claim:" + thread)).body();
    assertThat(claimed.at("/data/flags").asInt() & 64).as("the member sees it").isZero();
    assertThat(claimed.at("/data/content").asText()).endsWith("is looking at this.");
    JsonNode again = awaitCallback(discord, discord.clickWithRoles(card, MODERATOR,
        List.of(DiscordEmulator.MODERATOR_ROLE_ID), "t:claim:" + thread)).body();
    assertThat(again.at("/data/content").asText()).as("Manage Threads is staff too; the first claim holds")
        .contains("already claimed");
  }

  @Test
  @Order(3)
  void staffTalkInTheTicketAndTheBotStaysQuiet() {
    discord.guildMessage(thread, STAFF, "Sam", "hi Ana, which phone is it?", List.of(DiscordEmulator.STAFF_ROLE_ID));
    discord.guildMessage(thread, MEMBER, "Ana", "an iphone 12", List.of());
    // The barrier: a DM answered after both messages were handled (each member's messages in order).
    discord.directMessage(MEMBER, "Ana", "is there a penalty for cancelling");
    awaitBotMessage(discord, DiscordEmulator.dmChannel(MEMBER), "penalty");
    List<String> after = discord.messagesIn(thread).stream().map(m -> m.path("content").asText())
        .dropWhile(c -> !c.contains("a member asked for help")).skip(1).toList();
    assertThat(after).as("the bot's messages in the thread after the card").isEmpty();
  }

  @Test
  @Order(4)
  void theMemberClosesTheTicketRatesItOnceAndTheTranscriptGoesToTheLog() throws Exception {
    JsonNode closed = awaitCallback(discord, discord.click(card, MEMBER, "t:close:" + thread)).body();
    assertThat(closed.at("/data/content").asText()).as("the member's name, no ping").isEqualTo("This ticket was closed by Ana.");
    ObjectNode prompt = awaitBotMessage(discord, thread, "how did the staff do?");
    DiscordEmulator.Call lock = discord.await(c -> c.is("PATCH", "/channels/{channel_id}") && c.path().contains("/" + thread),
        WAIT, "the thread archived and locked");
    assertThat(lock.body().path("archived").asBoolean()).isTrue();
    assertThat(lock.body().path("locked").asBoolean()).isTrue();
    ObjectNode transcript = awaitBotMessage(discord, DiscordEmulator.LOG_CHANNEL_ID, "Transcript of");
    assertThat(transcript.at("/allowed_mentions/parse")).isEmpty();
    String file = discord.uploads(transcript.path("id").asLong()).get("ticket-" + thread + ".txt");
    assertThat(file).as("members by name, their words, staff's words")
        .contains("Ana: there is no cancel button in my app", "Sam: hi Ana, which phone is it?", "Ana: an iphone 12");
    JsonNode notYours = awaitCallback(discord, discord.click(prompt, BYSTANDER, "t:rate:" + thread)).body();
    assertThat(notYours.at("/data/content").asText()).contains("Only the member who asked");
    JsonNode modal = awaitCallback(discord, discord.click(prompt, MEMBER, "t:rate:" + thread)).body();
    assertThat(modal.path("type").asInt()).as("a modal").isEqualTo(9);
    assertThat(modal.at("/data/custom_id").asText()).isEqualTo("t:rating:" + thread);
    JsonNode thanks = awaitCallback(discord, discord.submitRating(thread, MEMBER, "t:rating:" + thread, "4",
        "quick and kind @everyone", false)).body();
    assertThat(thanks.at("/data/content").asText()).isEqualTo("Thanks for rating!");
    ObjectNode rating = awaitBotMessage(discord, DiscordEmulator.LOG_CHANNEL_ID, "★★★★☆");
    assertThat(rating.path("content").asText()).contains("quick and kind");
    JsonNode twice = awaitCallback(discord, discord.submitRating(thread, MEMBER, "t:rating:" + thread, "1", "", false)).body();
    assertThat(twice.at("/data/content").asText()).contains("already rated");
  }

  @Test
  @Order(5)
  void talkToStaffInADmOpensAPrivateTicketThreadWithTheMemberAdded() {
    long dm = DiscordEmulator.dmChannel(DM_MEMBER);
    discord.directMessage(DM_MEMBER, "Bo", "is my playlist gone if i cancel");
    discord.directMessage(DM_MEMBER, "Bo", "can i talk to a real person please");
    DiscordEmulator.Call opened = discord.await(c -> c.is("POST", "/channels/{channel_id}/threads")
        && c.path().contains("/" + DiscordEmulator.TICKETS_CHANNEL_ID + "/"), WAIT, "the private thread");
    assertThat(opened.body().path("type").asInt()).as("private").isEqualTo(12);
    assertThat(opened.body().path("name").asText()).startsWith("Ticket · ").endsWith(" · Bo");
    long ticket = discord.threadsIn(DiscordEmulator.TICKETS_CHANNEL_ID).get(0).path("id").asLong();
    discord.await(c -> c.is("PUT", "/channels/{channel_id}/thread-members/{user_id}")
        && c.path().endsWith("/" + ticket + "/thread-members/" + DM_MEMBER), WAIT, "the member added");
    DiscordEmulator.Call cardPost = discord.await(c -> c.is("POST", MESSAGES) && c.path().contains("/" + ticket + "/")
        && c.body().has("embeds"), WAIT, "the card in the ticket");
    assertThat(cardPost.body().at("/allowed_mentions/roles")).hasSize(1);
    String fields = cardPost.body().at("/embeds/0/fields").toString();
    assertThat(fields).contains("a direct message", "is my playlist gone if i cancel", "can i talk to a real person please");
    ObjectNode told = awaitBotMessage(discord, dm, "private ticket");
    assertThat(told.path("content").asText()).contains("https://discord.com/channels/" + DiscordEmulator.GUILD_ID + "/" + ticket);
    discord.directMessage(DM_MEMBER, "Bo", "talk to staff");
    awaitBotMessage(discord, dm, "Your ticket with the staff is open");
    discord.directMessage(DM_MEMBER, "Bo", "is there a penalty for cancelling");
    awaitBotMessage(discord, dm, "penalty");
    assertThat(discord.threadsIn(DiscordEmulator.TICKETS_CHANNEL_ID)).as("one ticket per member").hasSize(1);
  }

  @Test
  @Order(6)
  void offrampTicketsListsTheOpenTicketsForStaffOnly() {
    Map<String, String> sub = new HashMap<>();
    sub.put("tickets", null);
    JsonNode refused = awaitCallback(discord, discord.slash("offramp", sub, BYSTANDER, DiscordEmulator.OTHER_CHANNEL_ID,
        DiscordEmulator.EVERYONE_PERMISSIONS)).body();
    assertThat(refused.at("/data/flags").asInt() & 64).isEqualTo(64);
    assertThat(refused.at("/data/content").asText()).contains("Only staff");
    JsonNode list = awaitCallback(discord, discord.slash("offramp", sub, STAFF, DiscordEmulator.OTHER_CHANNEL_ID,
        DiscordEmulator.EVERYONE_PERMISSIONS | net.dv8tion.jda.api.Permission.MANAGE_SERVER.getRawValue())).body();
    assertThat(list.at("/data/flags").asInt() & 64).as("ephemeral").isEqualTo(64);
    String text = list.at("/data/content").asText();
    long ticket = discord.threadsIn(DiscordEmulator.TICKETS_CHANNEL_ID).get(0).path("id").asLong();
    assertThat(text).startsWith("Open tickets (1):").contains("<#" + ticket + ">", "unclaimed")
        .doesNotContain("<#" + thread + ">");
  }

  @Test
  @Order(7)
  void theReportHasTheTicketFigures() throws Exception {
    bot.destroy(); // SIGTERM: the recorder writes what it holds
    assertThat(bot.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    JsonNode tickets = report(files).path("tickets");
    assertThat(tickets.path("opened").asInt()).isEqualTo(2);
    assertThat(tickets.path("openedByPlace").path("thread").asInt()).isEqualTo(1);
    assertThat(tickets.path("openedByPlace").path("dm").asInt()).isEqualTo(1);
    assertThat(tickets.path("claimed").asInt()).isEqualTo(1);
    assertThat(tickets.at("/firstResponse/tickets").asInt()).isEqualTo(1);
    assertThat(tickets.at("/firstResponse/medianSeconds").asDouble()).isPositive();
    assertThat(tickets.at("/close/tickets").asInt()).isEqualTo(1);
    assertThat(tickets.path("closedBy").path("member").asInt()).isEqualTo(1);
    assertThat(tickets.at("/ratingsByTopic/cancel/count").asInt()).isEqualTo(1);
    assertThat(tickets.at("/ratingsByTopic/cancel/average").asDouble()).isEqualTo(4.0);
    String db = new String(Files.readAllBytes(files.resolve("insights.db")), StandardCharsets.ISO_8859_1);
    assertThat(db).as("no message text kept for tickets").doesNotContain("quick and kind", "which phone is it");
  }

  /** {@code offramp report --json} on the packaged jar, over the bot's insights database. */
  static JsonNode report(Path dir) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        Path.of("target", "offramp.jar").toString(), "report", "--json", "--since", "1d");
    pb.environment().put("OFFRAMP_INSIGHTS_JDBC_URL", "jdbc:sqlite:" + dir.resolve("insights.db"));
    pb.environment().put("OFFRAMP_MATCH_VECTORS_CACHE", dir.resolve("vectors.bin").toString());
    pb.redirectErrorStream(false);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("report's exit; stderr: %s", err).isZero();
    return new ObjectMapper().readTree(out);
  }
}
