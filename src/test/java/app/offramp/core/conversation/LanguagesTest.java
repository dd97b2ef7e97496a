package app.offramp.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import app.offramp.adapter.store.CaffeineConversationStore;
import app.offramp.core.service.ConversationService;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Replies in the member's language (issue 25), through the real engine, intents and translations. */
class LanguagesTest {
  private final ConversationService service = new ConversationService(Engines.real(), new CaffeineConversationStore());

  private Reply say(ConversationKey key, String text) {
    return service.handle(key, new Input.Text(text));
  }

  private static String labels(Reply reply) {
    return reply.choices().stream().map(Choice::label).toList().toString();
  }

  @Test
  void aSpanishFirstMessageGetsTheSpanishStepsAndButtons() {
    ConversationKey ana = new ConversationKey("ana", "dm", ConversationKey.Where.DM);
    Reply first = say(ana, "hola, ¿cómo cancelo mi suscripción de amazon music en el celular?");
    assertThat(first.text()).contains("Paso 1 de 5", "Abre la app de Amazon Music.");
    assertThat(labels(first)).contains("Siguiente");
    Reply next = say(ana, "siguiente");
    assertThat(next.text()).as("a word alone keeps the conversation's language").contains("Paso 2 de 5", "**My Music**");
  }

  @Test
  void aButtonOrCommandFollowsTheMembersDiscordLocaleWhenNothingWasWritten() {
    ConversationKey kai = new ConversationKey("kai", "thread-9", ConversationKey.Where.SLASH);
    Reply cancel = service.command(kai, "cancel", Map.of("platform", "mobile"), Optional.of("de"));
    assertThat(cancel.text()).contains("Schritt 1 von 5", "Öffne die Amazon Music App.");
    Reply next = service.handle(kai, new Input.Pick("nav:next"), Optional.of("de"));
    assertThat(next.text()).contains("Schritt 2 von 5");
    assertThat(labels(next)).contains("Weiter");
  }

  @Test
  void aMemberWhoAsksForEnglishGetsEnglishFromWhereTheyAre() {
    ConversationKey zoe = new ConversationKey("zoe", "dm", ConversationKey.Where.DM);
    assertThat(say(zoe, "comment je résilie amazon music sur mon téléphone").text()).contains("Étape 1 sur 5");
    Reply english = say(zoe, "English please");
    assertThat(english.text()).contains("Step 1 of 5", "Open the Amazon Music app.");
    assertThat(say(zoe, "suivant").text()).as("a control word alone keeps English").contains("Step 2 of 5");
  }

  @Test
  void writingClearlyInAnotherLanguageSwitchesAndEnglishStaysTheDefault() {
    ConversationKey leo = new ConversationKey("leo", "dm", ConversationKey.Where.DM);
    assertThat(say(leo, "is there a penalty for cancelling").text()).contains("no penalty");
    assertThat(say(leo, "c'è una penale se disdico l'abbonamento?").text()).doesNotContain("no penalty")
        .doesNotContain("I answer in English");
    ConversationKey sam = new ConversationKey("sam", "dm", ConversationKey.Where.DM);
    assertThat(service.command(sam, "penalty", Map.of(), Optional.of("ja")).text())
        .as("a locale the bot has no words for: English").contains("no penalty");
  }

  @Test
  void everyReplyInEveryLanguageFitsDiscordsMessageLimit() {
    int checked = 0;
    for (String language : service.languages()) {
      for (app.offramp.core.port.in.CommandSpec command : service.commands(language)) {
        java.util.List<Map<String, String>> options = command.option().map(o -> o.choices().stream()
            .map(c -> Map.of(o.name(), c.value())).toList()).orElse(java.util.List.of(Map.of()));
        for (Map<String, String> option : options) {
          ConversationKey key = new ConversationKey("fit-" + language + checked, "dm", ConversationKey.Where.THREAD);
          Reply reply = service.command(key, command.name(), option, Optional.of(language));
          assertThat(reply.text().length()).as(language + " /" + command.name() + " " + option).isLessThanOrEqualTo(2000);
          if (reply.choices().stream().anyMatch(c -> c.id().equals("nav:all"))) {
            Reply all = service.handle(key, new Input.Pick("nav:all"), Optional.of(language));
            assertThat(all.text().length()).as(language + " all steps of /" + command.name()).isLessThanOrEqualTo(2000);
          }
          for (Choice c : reply.choices()) {
            assertThat(c.label().length()).as(language + " label " + c.label()).isLessThanOrEqualTo(80);
          }
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(50);
  }

  @Test
  void aLanguagesOwnNameAloneSwitchesToIt() {
    ConversationKey ida = new ConversationKey("ida", "thread-3", ConversationKey.Where.THREAD);
    assertThat(say(ida, "how do i cancel amazon music on my phone").text()).contains("Step 1 of 5");
    for (String language : service.languages()) {
      Reply reply = service.handle(ida, new Input.Text(service.textIn(language, "language.name")), Optional.of(language));
      assertThat(reply.text()).as(language).contains(service.textIn(language, "step.heading", "step", 1, "total", 5));
    }
  }
}
