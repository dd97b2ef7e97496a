package app.offramp.e2e;

import static app.offramp.e2e.TicketsIT.WAIT;
import static app.offramp.e2e.TicketsIT.awaitBotMessage;
import static app.offramp.e2e.TicketsIT.awaitCallback;
import static app.offramp.e2e.TicketsIT.customId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The member's language on the packaged jar against the emulator (issue 25): a Spanish first message
 * gets Spanish steps and buttons; a German member's slash command and button press get German; a
 * French member who writes "English please" goes on in English; the registered commands carry the
 * five languages' descriptions. Every request body is checked against Discord's spec.
 */
class LanguagesIT {
  private static final long SPANISH = 740_000_000_000_000_001L;
  private static final long GERMAN = 740_000_000_000_000_002L;
  private static final long FRENCH = 740_000_000_000_000_003L;

  private static DiscordEmulator discord;
  private static Process bot;

  @BeforeAll
  static void start() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(TicketsIT.SPEC), "../shared/discord/openapi.json is absent");
    discord = new DiscordEmulator(TicketsIT.SPEC);
    Path files = Files.createTempDirectory("offramp-languages");
    bot = BotProcess.start(discord, Map.of("OFFRAMP_DISCORD_FLOOD_MAX_EVENTS", "100"), files.resolve("bot.log"));
    discord.awaitReady(WAIT);
  }

  @AfterAll
  static void stop() throws Exception {
    BotProcess.stop(bot, discord);
  }

  @AfterEach
  void everyRequestFitsDiscordsSpec() {
    assertThat(discord.violations()).as("request bodies Discord's spec rejects").isEmpty();
  }

  @Test
  void aSpanishFirstMessageGetsSpanishStepsAndButtons() {
    long question = discord.guildMessage(DiscordEmulator.SUPPORT_CHANNEL_ID, SPANISH, "Lu",
        "hola, ¿cómo cancelo mi suscripción de amazon music desde el celular?", List.of());
    ObjectNode step = awaitBotMessage(discord, question, "Paso 1 de 5");
    assertThat(step.path("content").asText()).contains("Abre la app de Amazon Music.");
    List<String> labels = new ArrayList<>();
    step.path("components").forEach(row -> row.path("components").forEach(b -> labels.add(b.path("label").asText())));
    assertThat(labels).contains("Siguiente", "Hablar con el equipo");
    DiscordEmulator.Call thread = discord.await(c -> c.is("POST", TicketsIT.THREADS) && c.path().contains("/" + question + "/"),
        WAIT, "the thread");
    assertThat(thread.body().path("name").asText()).startsWith("Cancelar Amazon Music · Lu");
  }

  @Test
  void aGermanMembersSlashCommandAndButtonPressAreAnsweredInGerman() {
    discord.locale(GERMAN, "de");
    Map<String, String> options = new HashMap<>();
    options.put("platform", "mobile");
    JsonNode first = awaitCallback(discord, discord.slash("cancel", options, GERMAN, DiscordEmulator.OTHER_CHANNEL_ID,
        DiscordEmulator.EVERYONE_PERMISSIONS)).body();
    assertThat(first.at("/data/content").asText()).contains("Schritt 1 von 5", "Öffne die Amazon Music App.");
    ObjectNode message = (ObjectNode) first.path("data").deepCopy();
    message.put("id", Long.toString(discord.nextId()));
    message.put("channel_id", Long.toString(DiscordEmulator.OTHER_CHANNEL_ID));
    JsonNode next = awaitCallback(discord, discord.click(message, GERMAN, customId(GERMAN, "nav:next"))).body();
    assertThat(next.path("type").asInt()).as("the message edited in place").isEqualTo(7);
    assertThat(next.at("/data/content").asText()).contains("Schritt 2 von 5");
  }

  @Test
  void aFrenchMemberWhoAsksForEnglishGoesOnInEnglish() {
    long dm = DiscordEmulator.dmChannel(FRENCH);
    discord.directMessage(FRENCH, "Zoé", "comment je résilie amazon music sur mon téléphone ?");
    awaitBotMessage(discord, dm, "Étape 1 sur 5");
    discord.directMessage(FRENCH, "Zoé", "English please");
    ObjectNode english = awaitBotMessage(discord, dm, "Step 1 of 5");
    assertThat(english.path("content").asText()).contains("Open the Amazon Music app.");
    discord.directMessage(FRENCH, "Zoé", "suivant");
    awaitBotMessage(discord, dm, "Step 2 of 5");
  }

  @Test
  void theRegisteredCommandsCarryTheFiveLanguages() {
    DiscordEmulator.Call put = discord.await(c -> c.method().equals("PUT") && c.template().contains("/commands"), WAIT,
        "the commands");
    JsonNode cancel = null;
    for (JsonNode command : put.body()) {
      if (command.path("name").asText().equals("cancel")) {
        cancel = command;
      }
    }
    assertThat(cancel).isNotNull();
    List<String> locales = new ArrayList<>();
    cancel.path("description_localizations").fieldNames().forEachRemaining(locales::add);
    assertThat(locales).contains("es-ES", "es-419", "de", "fr", "pt-BR", "it");
    assertThat(cancel.at("/options/0/choices/1/name_localizations/de").asText()).isNotBlank();
  }
}
