package app.offramp.front.discord;

import app.offramp.core.conversation.ConversationKey;
import app.offramp.core.port.out.TicketObserver;
import java.util.EnumSet;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches JDA's events to the message and interaction handlers. Handlers never throw into JDA: a
 * failure is logged and, where possible, answered.
 */
final class OfframpListener extends ListenerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(OfframpListener.class);

  private final MessageHandler messages;
  private final InteractionHandler interactions;
  private final MessageLanes lanes;
  /** When the last gateway event of any kind arrived ({@link System#nanoTime()}), for the health check. */
  private volatile long lastEvent = System.nanoTime();

  private final app.offramp.core.port.in.Conversations words;

  OfframpListener(MessageHandler messages, InteractionHandler interactions, MessageLanes lanes,
      app.offramp.core.port.in.Conversations words) {
    this.words = words;
    this.messages = messages;
    this.interactions = interactions;
    this.lanes = lanes;
  }

  /** The listener as the front wires it: one flood guard and one staff-ping cooldown for both handlers. */
  static OfframpListener create(app.offramp.core.port.in.Conversations conversations, DiscordOptions options,
      FloodGuard flood, StaffPings pings, java.util.concurrent.Executor admin) {
    return create(conversations, options, flood, pings, admin, new Backlog(options.maxPendingPerChannel()),
        MessageLanes.inline(), DiscordTelemetry.NONE, StatsSource.NONE);
  }

  static OfframpListener create(app.offramp.core.port.in.Conversations conversations, DiscordOptions options,
      FloodGuard flood, StaffPings pings, java.util.concurrent.Executor admin, Backlog backlog, MessageLanes lanes,
      DiscordTelemetry telemetry, StatsSource stats) {
    return create(conversations, options, flood, admin, backlog, lanes, telemetry, stats,
        new Tickets(conversations, options, pings, TicketObserver.NONE, java.time.Clock.systemUTC()));
  }

  static OfframpListener create(app.offramp.core.port.in.Conversations conversations, DiscordOptions options,
      FloodGuard flood, java.util.concurrent.Executor admin, Backlog backlog, MessageLanes lanes,
      DiscordTelemetry telemetry, StatsSource stats, Tickets tickets) {
    return create(conversations, options, flood, admin, backlog, lanes, telemetry, stats, tickets,
        app.offramp.core.port.in.Review.NONE_AVAILABLE);
  }

  static OfframpListener create(app.offramp.core.port.in.Conversations conversations, DiscordOptions options,
      FloodGuard flood, java.util.concurrent.Executor admin, Backlog backlog, MessageLanes lanes,
      DiscordTelemetry telemetry, StatsSource stats, Tickets tickets, app.offramp.core.port.in.Review review) {
    Replies replies = new Replies(tickets);
    LatestMessages latest = new LatestMessages();
    String language = options.locale().length() >= 2 ? options.locale().substring(0, 2).toLowerCase(java.util.Locale.ROOT)
        : "en";
    ReviewDesk reviews = new ReviewDesk(review, conversations, tickets, admin, language);
    return new OfframpListener(new MessageHandler(conversations, options, flood, replies, latest, backlog, telemetry),
        new InteractionHandler(conversations, options, flood, replies, admin, latest, stats, reviews), lanes,
        conversations);
  }

  @Override
  public void onMessageReceived(MessageReceivedEvent event) {
    if (event.getAuthor().isBot()) {
      return; // the bot's own messages (and other bots') never take a lane
    }
    long arrived = System.nanoTime();
    lanes.submit(event.getAuthor().getIdLong(), () -> {
      try {
        messages.handle(event, arrived);
      } catch (RuntimeException e) {
        LOG.error("message handler failed in channel {}", event.getChannel().getId(), e);
      }
    });
  }

  @Override
  public void onGenericEvent(net.dv8tion.jda.api.events.GenericEvent event) {
    lastEvent = System.nanoTime(); // heartbeat acknowledgements (GatewayPingEvent) count: a quiet bot is alive
  }

  long lastEventNanos() {
    return lastEvent;
  }

  @Override
  public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
    try {
      interactions.slash(event);
    } catch (RuntimeException e) {
      LOG.error("slash command /{} failed", event.getName(), e);
      if (!event.isAcknowledged()) {
        event.reply(plain(sorry())).setEphemeral(true).queue();
      }
    }
  }

  @Override
  public void onButtonInteraction(ButtonInteractionEvent event) {
    try {
      interactions.button(event);
    } catch (RuntimeException e) {
      LOG.error("button handler failed", e);
      if (!event.isAcknowledged()) {
        event.reply(plain(sorry())).setEphemeral(true).queue();
      }
    }
  }

  @Override
  public void onModalInteraction(net.dv8tion.jda.api.events.interaction.ModalInteractionEvent event) {
    try {
      interactions.modal(event);
    } catch (RuntimeException e) {
      LOG.error("modal handler failed", e);
      if (!event.isAcknowledged()) {
        event.reply(plain(sorry())).setEphemeral(true).queue();
      }
    }
  }

  @Override
  public void onStringSelectInteraction(
      net.dv8tion.jda.api.events.interaction.component.StringSelectInteractionEvent event) {
    try {
      interactions.select(event);
    } catch (RuntimeException e) {
      LOG.error("select menu handler failed", e);
      if (!event.isAcknowledged()) {
        event.reply(plain(sorry())).setEphemeral(true).queue();
      }
    }
  }

  /** "Sorry, something went wrong", from the messages file (or plain English if even that fails). */
  private String sorry() {
    try {
      return words.text("error");
    } catch (RuntimeException e) {
      return "Sorry, something went wrong.";
    }
  }

  /** The flood guard's one notice. */
  static String floodNotice(app.offramp.core.port.in.Conversations words) {
    return words.text("notice.flood");
  }

  static ConversationKey key(long member, long place) {
    return new ConversationKey(Long.toUnsignedString(member), Long.toUnsignedString(place));
  }

  /** The key, with where the message came from (for the insights report). */
  static ConversationKey key(long member, long place, ConversationKey.Where where) {
    return new ConversationKey(Long.toUnsignedString(member), Long.toUnsignedString(place), where);
  }

  static MessageCreateData plain(String text) {
    return new MessageCreateBuilder().setContent(text).setAllowedMentions(EnumSet.noneOf(Message.MentionType.class)).build();
  }
}
