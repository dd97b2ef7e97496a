package app.offramp.front.discord;

import app.offramp.core.conversation.ConversationKey;
import app.offramp.core.conversation.Input;
import app.offramp.core.conversation.Reply;
import app.offramp.core.port.in.Conversations;
import app.offramp.core.port.in.PreparedReload;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slash commands and buttons. Buttons edit their message in place; a click by anyone but the
 * conversation's member is refused, and every click, refused or forged, counts against the flood
 * guard. /offramp reload reads the intents off JDA's event thread, registers the new commands and
 * swaps the intents in only when Discord accepted them, and says exactly which happened.
 */
final class InteractionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(InteractionHandler.class);

  private final Conversations conversations;
  private final DiscordOptions options;
  private final FloodGuard flood;
  private final Replies replies;
  private final Executor admin;
  private final StatsSource stats;
  private final LatestMessages latest;

  private final ReviewDesk reviews;

  InteractionHandler(Conversations conversations, DiscordOptions options, FloodGuard flood, Replies replies,
      Executor admin, LatestMessages latest, StatsSource stats, ReviewDesk reviews) {
    this.reviews = reviews;
    this.stats = stats;
    this.latest = latest;
    this.conversations = conversations;
    this.options = options;
    this.flood = flood;
    this.replies = replies;
    this.admin = admin;
  }

  void slash(SlashCommandInteractionEvent event) {
    long member = event.getUser().getIdLong();
    if (flood.check(member) != FloodGuard.Verdict.ALLOW) {
      event.reply(OfframpListener.plain(OfframpListener.floodNotice(conversations))).setEphemeral(true).queue();
      return;
    }
    if (event.getName().equals(SlashCommands.ADMIN)) {
      if (SlashCommands.STATS.equals(event.getSubcommandName())) {
        stats(event);
      } else if (SlashCommands.TICKETS.equals(event.getSubcommandName())) {
        replies.tickets().list(event);
      } else if (SlashCommands.REVIEW.equals(event.getSubcommandName())) {
        reviews.start(event);
      } else {
        reload(event);
      }
      return;
    }
    ConversationKey key = OfframpListener.key(member, event.getChannelIdLong(), ConversationKey.Where.SLASH);
    Reply reply;
    if (event.getName().equals(SlashCommands.LANGUAGE)) {
      // The language's own name, as a member would type it ("Español"): the engine's rule for asking.
      OptionMapping code = event.getOption(SlashCommands.LANGUAGE);
      String language = code == null ? "en" : code.getAsString();
      reply = conversations.handle(key, new Input.Text(conversations.textIn(language, "language.name")),
          Optional.of(language));
    } else if (event.getName().equals(SlashCommands.ASK)) {
      OptionMapping question = event.getOption("question");
      reply = conversations.handle(key, new Input.Text(question == null ? "" : question.getAsString()), locale(event));
    } else {
      Map<String, String> values = new LinkedHashMap<>();
      for (OptionMapping option : event.getOptions()) {
        values.put(option.getName(), option.getAsString());
      }
      reply = conversations.command(key, event.getName(), values, locale(event));
    }
    if (reply.kind() == Reply.Kind.LEFT_TO_STAFF) {
      event.reply(OfframpListener.plain(conversations.text("notice.left_to_staff"))).setEphemeral(true).queue();
      return;
    }
    String name = event.getMember() != null ? event.getMember().getEffectiveName() : event.getUser().getEffectiveName();
    if (!event.isFromGuild() && Replies.asksForPersonInDm(reply) && replies.tickets().fromDmsOn()) {
      // Opening a ticket takes a few requests: the answer follows when it is open (or could not be).
      event.deferReply(options.ephemeral()).queue();
      if (replies.tickets().callFromDm(reply, member, name, event.getChannel(),
          m -> event.getHook().sendMessage(m).queue())) {
        return;
      }
      event.getHook().sendMessage(MessageRenderer.create(reply, member)).queue();
      return;
    }
    event.reply(MessageRenderer.create(reply, member)).setEphemeral(options.ephemeral()).queue();
    replies.staffCall(reply, member, name, event.getChannel());
  }

  /** A select menu: a review's choice (the only menu on a message; the rating's is in a modal). */
  void select(net.dv8tion.jda.api.events.interaction.component.StringSelectInteractionEvent event) {
    if (flood.check(event.getUser().getIdLong()) != FloodGuard.Verdict.ALLOW) {
      event.reply(OfframpListener.plain(OfframpListener.floodNotice(conversations))).setEphemeral(true).queue();
      return;
    }
    if (!reviews.select(event)) {
      event.reply(OfframpListener.plain(conversations.text("notice.unknown_button"))).setEphemeral(true).queue();
    }
  }

  /** True (and the member told, privately, {@code refusal}) when the member lacks Manage Server. */
  private boolean refusedUnlessStaff(SlashCommandInteractionEvent event, String refusal) {
    if (event.getMember() != null && event.getMember().hasPermission(Permission.MANAGE_SERVER)) {
      return false;
    }
    event.reply(OfframpListener.plain(conversations.text(refusal))).setEphemeral(true).queue();
    return true;
  }

  /** Staff only: Discord hides the command by default permission, and the bot checks again. */
  private void reload(SlashCommandInteractionEvent event) {
    if (refusedUnlessStaff(event, "admin.reload_refused")) {
      return;
    }
    event.deferReply(true).queue();
    admin.execute(() -> {
      PreparedReload prepared = conversations.prepareReload();
      if (!prepared.ok()) {
        // A bad intent file never takes the bot down: the intents in use stay.
        say(event, conversations.text("admin.reload_failed", "summary", prepared.summary(), "problem",
            prepared.problems().get(0)));
        return;
      }
      SlashCommands.register(event.getJDA(), options.guildId(), prepared.commands(), conversations).whenComplete((ok, error) -> {
        if (error != null) {
          LOG.warn("Discord refused the reloaded commands: {}", error.toString());
          say(event, conversations.text("admin.reload_discord_refused", "error", error.getClass().getSimpleName()));
        } else {
          prepared.commit();
          say(event, conversations.text("admin.reloaded", "summary", prepared.summary(), "commands",
              prepared.commands().size()));
        }
      });
    });
  }

  /** Staff only, ephemeral: counts for the last 7 days, read off JDA's event thread. */
  private void stats(SlashCommandInteractionEvent event) {
    if (refusedUnlessStaff(event, "admin.stats_refused")) {
      return;
    }
    event.deferReply(true).queue();
    admin.execute(() -> say(event, stats.lastWeek().orElseGet(() -> conversations.text(stats.unavailable()))));
  }

  private static void say(SlashCommandInteractionEvent event, String text) {
    event.getHook().editOriginal(Texts.cut(text, DiscordLimits.MESSAGE)).queue();
  }

  void button(ButtonInteractionEvent event) {
    long clicker = event.getUser().getIdLong();
    // First, before anything else: clicks on others' buttons and forged ids count as events too.
    if (flood.check(clicker) != FloodGuard.Verdict.ALLOW) {
      event.reply(OfframpListener.plain(OfframpListener.floodNotice(conversations))).setEphemeral(true).queue();
      return;
    }
    if (replies.tickets().button(event)) {
      return; // Claim, Close or Rate: the ticket's own rules say who may
    }
    Optional<CustomIds.Parsed> parsed = CustomIds.decode(event.getComponentId());
    if (parsed.isEmpty()) {
      event.reply(OfframpListener.plain(conversations.text("notice.unknown_button"))).setEphemeral(true).queue();
      return;
    }
    if (parsed.get().ownerId() != clicker) {
      event.reply(OfframpListener.plain(conversations.text("notice.not_yours"))).setEphemeral(true).queue();
      return;
    }
    ConversationKey key = OfframpListener.key(clicker, event.getChannelIdLong(),
        event.isFromGuild() ? ConversationKey.Where.THREAD : ConversationKey.Where.DM);
    if (latest.isStale(key, event.getMessageIdLong())) {
      event.reply(OfframpListener.plain(conversations.text("notice.stale"))).setEphemeral(true).queue();
      return;
    }
    Reply reply = conversations.handle(key, new Input.Pick(parsed.get().choiceId()), locale(event));
    if (reply.kind() == Reply.Kind.EXPIRED || reply.kind() == Reply.Kind.LEFT_TO_STAFF) {
      event.reply(OfframpListener.plain(reply.kind() == Reply.Kind.EXPIRED ? reply.text()
          : conversations.text("notice.left_to_staff"))).setEphemeral(true).queue();
      return;
    }
    if (!event.isFromGuild() && Replies.asksForPersonInDm(reply) && replies.tickets().fromDmsOn()) {
      // The DM's Talk to staff: the ticket's answer is a new message (it links the ticket); the old one stays.
      event.deferEdit().queue();
      replies.send(reply, clicker, event.getUser().getEffectiveName(), event.getChannel(),
          m -> event.getChannel().sendMessage(m).queue(sent -> latest.sent(key, sent.getIdLong())));
      return;
    }
    event.editMessage(MessageRenderer.edit(reply, clicker)).queue();
    String name = event.getMember() != null ? event.getMember().getEffectiveName() : event.getUser().getEffectiveName();
    replies.staffCall(reply, clicker, name, event.getChannel());
  }

  /** The member's Discord client language ("es-ES"), which every interaction carries. */
  private static Optional<String> locale(net.dv8tion.jda.api.interactions.Interaction event) {
    try {
      return Optional.of(event.getUserLocale().getLocale());
    } catch (RuntimeException unknown) {
      return Optional.empty();
    }
  }

  /** A modal was submitted: the ticket rating is the only one the bot shows. */
  void modal(net.dv8tion.jda.api.events.interaction.ModalInteractionEvent event) {
    if (flood.check(event.getUser().getIdLong()) != FloodGuard.Verdict.ALLOW) {
      event.reply(OfframpListener.plain(OfframpListener.floodNotice(conversations))).setEphemeral(true).queue();
      return;
    }
    if (!replies.tickets().modal(event)) {
      event.reply(OfframpListener.plain(conversations.text("notice.unknown_button"))).setEphemeral(true).queue();
    }
  }
}
