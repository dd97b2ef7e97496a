package app.offramp.front.discord;

import app.offramp.adapter.embedding.MiniLmSentenceEncoder;
import static org.assertj.core.api.Assertions.assertThat;

import app.offramp.TestPaths;
import app.offramp.core.conversation.Choice;
import app.offramp.core.conversation.ConversationEngine;
import app.offramp.core.conversation.ConversationState;
import app.offramp.core.conversation.Input;
import app.offramp.core.conversation.Reply;
import app.offramp.core.conversation.Turn;
import app.offramp.core.intent.Intent;
import app.offramp.core.intent.IntentCatalog;
import app.offramp.core.intent.IntentLoader;
import app.offramp.core.intent.IntentTexts;
import app.offramp.core.match.IntentMatcher;
import app.offramp.core.match.MatchThresholds;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every reply of every intent, rendered as the Discord front sends it, fits Discord's limits. */
class DiscordRenderingTest {
  private static final long OWNER = 987654321098765432L;
  private static IntentCatalog catalog;
  private static ConversationEngine engine;

  @BeforeAll
  static void load() throws Exception {
    catalog = new IntentLoader().load(TestPaths.INTENTS);
    engine = new ConversationEngine(catalog, new IntentMatcher(catalog, MatchThresholds.DEFAULT, MiniLmSentenceEncoder.shared()));
  }

  /** Walks every intent through every choice it offers, two levels deep, collecting replies. */
  private static List<Reply> everyReply() {
    List<Reply> replies = new ArrayList<>();
    for (Intent intent : catalog.intents()) {
      List<Map<String, String>> variants = new ArrayList<>();
      variants.add(Map.of());
      intent.slot().ifPresent(s -> s.values().forEach(v -> variants.add(Map.of(s.name(), v.id()))));
      for (Map<String, String> options : variants) {
        Turn start = engine.handle(null, new Input.Command(intent.id(), options));
        replies.add(start.reply());
        for (Choice c : start.reply().choices()) {
          Turn second = engine.handle(start.state(), new Input.Pick(c.id()));
          replies.add(second.reply());
          ConversationState s = second.state();
          for (Choice c2 : second.reply().choices()) {
            replies.add(engine.handle(s, new Input.Pick(c2.id())).reply());
          }
        }
      }
    }
    replies.add(engine.handle(null, new Input.Text("zzz qqq")).reply());
    return replies;
  }

  @Test
  void everyRenderedReplyFitsDiscordsLimitsAndMentionsNobody() {
    List<Reply> replies = everyReply();
    assertThat(replies).hasSizeGreaterThan(100);
    for (Reply reply : replies) {
      MessageCreateData data = MessageRenderer.create(reply, OWNER);
      assertThat(data.getContent().length()).isLessThanOrEqualTo(2000);
      assertThat(data.getComponents()).hasSizeLessThanOrEqualTo(5);
      for (var row : data.getComponents()) {
        List<Button> buttons = ((ActionRow) row).getButtons();
        assertThat(buttons).hasSizeBetween(1, 5);
        for (Button b : buttons) {
          assertThat(b.getLabel().length()).isBetween(1, 80);
          assertThat(b.getCustomId()).hasSizeLessThanOrEqualTo(100);
          assertThat(CustomIds.decode(b.getCustomId())).map(CustomIds.Parsed::ownerId).contains(OWNER);
        }
      }
      assertThat(data.getAllowedMentions()).isEmpty();
      assertThat(data.getMentionedRoles()).isEmpty();
      assertThat(data.getMentionedUsers()).isEmpty();
    }
  }

  @Test
  void threadTitlesFitInOneHundredCharactersWhateverTheName() {
    for (Intent intent : catalog.intents()) {
      assertThat(Texts.threadName(intent.title(), "n".repeat(500)).length()).isLessThanOrEqualTo(100);
      assertThat(Texts.threadName(intent.title(), "@everyone").length()).isLessThanOrEqualTo(100);
    }
  }

  @Test
  void theStaffCardPingsTheStaffRoleAndNothingElseAndFitsAnEmbed() {
    app.offramp.core.port.in.Conversations words = new app.offramp.core.service.ConversationService(engine,
        new app.offramp.adapter.store.CaffeineConversationStore());
    app.offramp.core.conversation.Handoff handoff = new app.offramp.core.conversation.Handoff("cancel",
        "Cancel Amazon Music", "Mobile app", Optional.of(new Reply.Progress(3, 5)), Optional.of(new Reply.Progress(2, 5)),
        1_700_000_000_000L);
    List<String> said = List.of("@everyone **help** <@&1234> <@99>", "x".repeat(5_000), "my app has no Cancel button");
    TicketCard.Facts facts = new TicketCard.Facts(OWNER, "Ana *the* @here", handoff, false, said, Optional.of("es"));
    MessageCreateData card = TicketCard.create(words, facts, Optional.of(1234L), true, 777L);
    assertThat(card.getMentionedRoles()).containsExactly("1234");
    assertThat(card.getAllowedMentions()).isEmpty();
    assertThat(card.getMentionedUsers()).isEmpty();
    assertThat(card.getContent()).contains("<@&1234>").contains("<@" + OWNER + ">");
    MessageCreateData quiet = TicketCard.create(words, facts, Optional.of(1234L), false, 777L);
    assertThat(quiet.getMentionedRoles()).as("within the cooldown the role is named, not pinged").isEmpty();
    net.dv8tion.jda.api.entities.MessageEmbed embed = card.getEmbeds().get(0);
    assertThat(embed.isSendable()).as("within Discord's 6000-character embed limit").isTrue();
    assertThat(embed.getFields()).allSatisfy(f -> {
      assertThat(f.getName().length()).isLessThanOrEqualTo(256);
      assertThat(f.getValue().length()).isLessThanOrEqualTo(1024);
    });
    String fields = embed.getFields().stream().map(f -> f.getName() + "=" + f.getValue()).toList().toString();
    assertThat(fields).contains("Cancel Amazon Music", "Mobile app", "Step 3 of 5", "Step 2 of 5", "Spanish (es)",
        "<t:1700000000:R>", "my app has no Cancel button");
    assertThat(fields).as("a member's text cannot format the card").contains("\\*\\*help\\*\\*")
        .doesNotContain("**help**");
    assertThat(card.getComponents()).hasSize(1);
    assertThat(TicketCard.create(words, facts, Optional.empty(), true, 0).getComponents())
        .as("a card outside a thread has nothing to claim or close").isEmpty();
  }

  @Test
  void slashCommandsFitDiscordsLimits() {
    app.offramp.core.service.ConversationService service = new app.offramp.core.service.ConversationService(engine,
        new app.offramp.adapter.store.CaffeineConversationStore());
    List<CommandData> commands = SlashCommands.build(service.commands(), service);
    assertThat(commands).extracting(CommandData::getName)
        .contains("cancel", "backup", "penalty", "alternatives", "help", "ask", "offramp");
    assertThat(commands.size()).isLessThanOrEqualTo(100);
    for (CommandData c : commands) {
      SlashCommandData slash = (SlashCommandData) c;
      assertThat(slash.getName()).matches("[a-z0-9_-]{1,32}");
      assertThat(slash.getDescription().length()).isBetween(1, 100);
      slash.getOptions().forEach(o -> assertThat(o.getChoices()).hasSizeLessThanOrEqualTo(25));
    }
    SlashCommandData cancel = (SlashCommandData) commands.stream().filter(c -> c.getName().equals("cancel")).findFirst().orElseThrow();
    assertThat(cancel.getOptions()).singleElement().satisfies(o -> {
      assertThat(o.getName()).isEqualTo("platform");
      assertThat(o.getChoices()).extracting(ch -> ch.getAsString()).containsExactly("computer", "mobile");
    });
    SlashCommandData admin = (SlashCommandData) commands.stream().filter(c -> c.getName().equals("offramp")).findFirst().orElseThrow();
    assertThat(admin.getDefaultPermissions().getPermissionsRaw())
        .isEqualTo(net.dv8tion.jda.api.Permission.MANAGE_SERVER.getRawValue());
  }

  @Test
  void customIdsRoundTripAndRejectForeignIds() {
    assertThat(CustomIds.decode(CustomIds.encode(OWNER, "nav:next"))).contains(new CustomIds.Parsed(OWNER, "nav:next"));
    assertThat(CustomIds.decode("something-else")).isEmpty();
    assertThat(CustomIds.decode("o:notanumber:nav:next")).isEmpty();
  }

  @Test
  void theFloodGuardGivesOneNoticeThenSilenceUntilTheWindowPasses() {
    AtomicLong nanos = new AtomicLong();
    Ticker ticker = nanos::get;
    FloodGuard guard = new FloodGuard(3, Duration.ofSeconds(10), ticker);
    assertThat(List.of(guard.check(1), guard.check(1), guard.check(1), guard.check(1), guard.check(1)))
        .containsExactly(FloodGuard.Verdict.ALLOW, FloodGuard.Verdict.ALLOW, FloodGuard.Verdict.ALLOW,
            FloodGuard.Verdict.NOTICE, FloodGuard.Verdict.DROP);
    assertThat(guard.check(2)).isEqualTo(FloodGuard.Verdict.ALLOW);
    nanos.addAndGet(Duration.ofSeconds(11).toNanos());
    assertThat(guard.check(1)).isEqualTo(FloodGuard.Verdict.ALLOW);
  }

  @Test
  void discordOptionsNeverPrintTheToken() {
    DiscordOptions options = new DiscordOptions("fake-token-for-tests", Optional.empty(), java.util.Set.of(), Optional.empty(),
        "http://127.0.0.1/api/v10/", "ws://127.0.0.1/", true, 5, Duration.ofSeconds(10), Duration.ofMinutes(10));
    assertThat(options.toString()).doesNotContain("fake-token-for-tests");
  }

  @Test
  void allowedMentionsDefaultIsEmptyForEveryMessageType() {
    MessageCreateData plain = OfframpListener.plain("@everyone <@&1> <@2>");
    assertThat(plain.getAllowedMentions()).isEqualTo(java.util.EnumSet.noneOf(Message.MentionType.class));
  }

  @Test
  void slashCommandsCarryTheFiveLanguagesDescriptionsAndChoices() {
    app.offramp.core.service.ConversationService service = new app.offramp.core.service.ConversationService(engine,
        new app.offramp.adapter.store.CaffeineConversationStore());
    List<CommandData> commands = SlashCommands.build(service.commands(), service);
    net.dv8tion.jda.api.utils.data.DataObject cancel = commands.stream().filter(c -> c.getName().equals("cancel"))
        .findFirst().orElseThrow().toData();
    net.dv8tion.jda.api.utils.data.DataObject descriptions = cancel.getObject("description_localizations");
    assertThat(descriptions.keys()).contains("es-ES", "es-419", "de", "fr", "pt-BR", "it");
    assertThat(descriptions.getString("de")).isNotEqualTo(cancel.getString("description"));
    net.dv8tion.jda.api.utils.data.DataObject platform = cancel.getArray("options").getObject(0);
    assertThat(platform.getObject("description_localizations").keys()).contains("es-ES", "pt-BR");
    net.dv8tion.jda.api.utils.data.DataObject mobile = platform.getArray("choices").getObject(1);
    assertThat(mobile.getString("value")).isEqualTo("mobile");
    assertThat(mobile.getObject("name_localizations").getString("fr")).isNotBlank()
        .isNotEqualTo(mobile.getString("name"));
    assertThat(cancel.opt("name_localizations").map(Object::toString).orElse("{}")).as("names stay as they are")
        .isIn("{}", "null");
    net.dv8tion.jda.api.utils.data.DataObject admin = commands.stream().filter(c -> c.getName().equals("offramp"))
        .findFirst().orElseThrow().toData();
    assertThat(admin.getArray("options").getObject(2).getObject("description_localizations").keys()).contains("it");
  }
}
