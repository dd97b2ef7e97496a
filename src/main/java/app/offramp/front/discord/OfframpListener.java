package app.offramp.front.discord;

import app.offramp.core.conversation.ConversationEngine;
import app.offramp.core.conversation.ConversationKey;
import app.offramp.core.conversation.ConversationService;
import app.offramp.core.conversation.Input;
import app.offramp.core.conversation.Reply;
import app.offramp.core.intent.Intent;
import app.offramp.core.intent.IntentTexts;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapts Discord events to conversation inputs. Support channel: a confident match opens a thread
 * on the message and goes on there; anything else is left to humans. DMs: every message gets a
 * reply. Elsewhere: only when the bot is mentioned. Buttons edit their message in place.
 * Handlers never throw into JDA: a failure is logged and, where possible, answered.
 */
final class OfframpListener extends ListenerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(OfframpListener.class);
  static final String NOT_YOURS = "This isn't your conversation — ask your own question to start one.";
  /** Mentions (<@id>, <@&id>, <#id>, @everyone, @here) name people and places, never a topic. */
  private static final Pattern MENTIONS = Pattern.compile("<(@[!&]?|#)\\d+>|@(everyone|here)\\b");
  static final String FLOOD_NOTICE = "You're sending messages too fast; I'll answer again in a few seconds.";

  private final ConversationService service;
  private final DiscordOptions options;
  private final FloodGuard flood;
  private final Callable<ConversationEngine> reloader;

  OfframpListener(ConversationService service, DiscordOptions options, FloodGuard flood,
      Callable<ConversationEngine> reloader) {
    this.service = service;
    this.options = options;
    this.flood = flood;
    this.reloader = reloader;
  }

  @Override
  public void onMessageReceived(MessageReceivedEvent event) {
    try {
      handleMessage(event);
    } catch (RuntimeException e) {
      LOG.error("message handler failed in channel {}", event.getChannel().getId(), e);
    }
  }

  private void handleMessage(MessageReceivedEvent event) {
    if (event.getAuthor().isBot() || event.isWebhookMessage()) {
      return;
    }
    Message message = event.getMessage();
    long member = event.getAuthor().getIdLong();
    String text = MENTIONS.matcher(message.getContentRaw()).replaceAll(" ");
    if (!event.isFromGuild()) {
      if (!admit(event, member)) {
        return;
      }
      Reply reply = service.handle(key(member, event.getChannel().getIdLong()), new Input.Text(text));
      send(event.getChannel().getIdLong(), event, reply, member);
      return;
    }
    long channelId = event.getChannel().getIdLong();
    if (options.supportChannelIds().contains(channelId) && event.getChannelType() == ChannelType.TEXT) {
      // The thread opened on this message will carry the message's id, so the key is ready for it.
      Optional<Reply> answered = confidentReply(key(member, message.getIdLong()), text, event, member);
      if (answered.isEmpty()) {
        return;
      }
      Reply first = answered.get();
      String name = event.getMember() != null ? event.getMember().getEffectiveName() : event.getAuthor().getName();
      String title = service.engine().catalog().find(first.intentId().orElse(""))
          .map(intent -> IntentTexts.threadTitle(intent, name))
          .orElseGet(() -> IntentTexts.truncate(first.threadTitle().orElse("Offramp") + " · " + name, 100));
      message.createThreadChannel(title).queue(thread -> {
        thread.sendMessage(MessageRenderer.create(first, member)).queue();
        MessageRenderer.staffCall(first, options.staffRoleId(), member, true).ifPresent(m -> thread.sendMessage(m).queue());
      }, failure -> LOG.warn("could not open a thread in channel {}: {}", channelId, failure.toString()));
      return;
    }
    if (event.getChannelType().isThread() && event.getChannel() instanceof ThreadChannel thread
        && options.supportChannelIds().contains(thread.getParentChannel().getIdLong())) {
      // Staff and others talk in threads too: only the member's own conversation, or a new
      // question the bot understands, gets an answer.
      ConversationKey key = key(member, channelId);
      if (service.store().get(key).isPresent()) {
        if (admit(event, member)) {
          send(channelId, event, service.handle(key, new Input.Text(text)), member);
        }
      } else {
        confidentReply(key, text, event, member).ifPresent(reply -> send(channelId, event, reply, member));
      }
      return;
    }
    if (message.getMentions().isMentioned(event.getJDA().getSelfUser(), Message.MentionType.USER)) {
      if (!admit(event, member)) {
        return;
      }
      send(channelId, event, service.handle(key(member, channelId), new Input.Text(text)), member);
    }
  }

  /**
   * Runs a message where the bot answers only what it understands: the conversation is kept only
   * when the reply is a confident answer and the member is not flooding; otherwise it is dropped
   * and nothing is sent.
   */
  private Optional<Reply> confidentReply(ConversationKey key, String text, MessageReceivedEvent event, long member) {
    Reply reply = service.handle(key, new Input.Text(text));
    if (!confident(reply) || !admit(event, member)) {
      service.reset(key);
      return Optional.empty();
    }
    return Optional.of(reply);
  }

  private void send(long channelId, MessageReceivedEvent event, Reply reply, long member) {
    if (reply.kind() == Reply.Kind.LEFT_TO_STAFF) {
      return; // staff were called: the humans have the floor
    }
    event.getChannel().sendMessage(MessageRenderer.create(reply, member)).queue();
    MessageRenderer.staffCall(reply, options.staffRoleId(), member, event.isFromGuild())
        .ifPresent(m -> event.getChannel().sendMessage(m).queue());
  }

  private boolean admit(MessageReceivedEvent event, long member) {
    FloodGuard.Verdict verdict = flood.check(member);
    if (verdict == FloodGuard.Verdict.NOTICE) {
      event.getChannel().sendMessage(plain(FLOOD_NOTICE)).queue();
    }
    return verdict == FloodGuard.Verdict.ALLOW;
  }

  private static boolean confident(Reply reply) {
    return reply.kind() == Reply.Kind.ANSWER || reply.kind() == Reply.Kind.QUESTION;
  }

  @Override
  public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
    try {
      handleSlash(event);
    } catch (RuntimeException e) {
      LOG.error("slash command /{} failed", event.getName(), e);
      if (!event.isAcknowledged()) {
        event.reply(plain("Sorry, something went wrong.")).setEphemeral(true).queue();
      }
    }
  }

  private void handleSlash(SlashCommandInteractionEvent event) {
    long member = event.getUser().getIdLong();
    if (flood.check(member) != FloodGuard.Verdict.ALLOW) {
      event.reply(plain(FLOOD_NOTICE)).setEphemeral(true).queue();
      return;
    }
    ConversationKey key = key(member, event.getChannelIdLong());
    if (event.getName().equals(SlashCommands.ADMIN)) {
      reload(event);
      return;
    }
    Reply reply;
    if (event.getName().equals(SlashCommands.ASK)) {
      OptionMapping question = event.getOption("question");
      reply = service.handle(key, new Input.Text(question == null ? "" : question.getAsString()));
    } else {
      Optional<Intent> intent = SlashCommands.intentFor(service.engine().catalog(), event.getName());
      if (intent.isEmpty()) {
        event.reply(plain("That command is no longer available.")).setEphemeral(true).queue();
        return;
      }
      Map<String, String> slots = new java.util.HashMap<>();
      intent.get().slot().ifPresent(slot -> {
        OptionMapping value = event.getOption(slot.name());
        if (value != null) {
          slots.put(slot.name(), value.getAsString());
        }
      });
      reply = service.handle(key, new Input.Command(intent.get().id(), slots));
    }
    event.reply(MessageRenderer.create(reply, member)).setEphemeral(options.ephemeral()).queue();
    MessageRenderer.staffCall(reply, options.staffRoleId(), member, event.isFromGuild())
        .ifPresent(m -> event.getChannel().sendMessage(m).queue());
  }

  /** Staff only: Discord hides the command by default permission, and the bot checks again. */
  private void reload(SlashCommandInteractionEvent event) {
    if (event.getMember() == null || !event.getMember().hasPermission(Permission.MANAGE_SERVER)) {
      event.reply(plain("Only staff with Manage Server can reload the intents.")).setEphemeral(true).queue();
      return;
    }
    event.deferReply(true).queue();
    try {
      ConversationEngine next = reloader.call();
      service.replaceEngine(next);
      SlashCommands.register(event.getJDA(), options.guildId(), next.catalog());
      event.getHook().editOriginal("Reloaded " + next.catalog().intents().size() + " intents.").queue();
    } catch (Exception e) {
      // A bad intent file never takes the bot down: the old intents stay in use.
      String why = e instanceof app.offramp.core.intent.IntentLoadException l
          ? l.problems().size() + " problem(s), first: " + l.problems().get(0) : e.getClass().getSimpleName();
      event.getHook().editOriginal(IntentTexts.truncate("Reload failed, keeping the current intents: " + why, 1900))
          .queue();
    }
  }

  @Override
  public void onButtonInteraction(ButtonInteractionEvent event) {
    try {
      handleButton(event);
    } catch (RuntimeException e) {
      LOG.error("button handler failed", e);
      if (!event.isAcknowledged()) {
        event.reply(plain("Sorry, something went wrong.")).setEphemeral(true).queue();
      }
    }
  }

  private void handleButton(ButtonInteractionEvent event) {
    Optional<CustomIds.Parsed> parsed = CustomIds.decode(event.getComponentId());
    long clicker = event.getUser().getIdLong();
    if (parsed.isEmpty()) {
      event.reply(plain(ConversationEngine.EXPIRED_TEXT)).setEphemeral(true).queue();
      return;
    }
    if (parsed.get().ownerId() != clicker) {
      event.reply(plain(NOT_YOURS)).setEphemeral(true).queue();
      return;
    }
    if (flood.check(clicker) != FloodGuard.Verdict.ALLOW) {
      event.reply(plain(FLOOD_NOTICE)).setEphemeral(true).queue();
      return;
    }
    ConversationKey key = key(clicker, event.getChannelIdLong());
    Reply reply = service.handle(key, new Input.Pick(parsed.get().choiceId()));
    if (reply.kind() == Reply.Kind.EXPIRED) {
      event.reply(plain(reply.text())).setEphemeral(true).queue();
      return;
    }
    event.editMessage(MessageRenderer.edit(reply, clicker)).queue();
    MessageRenderer.staffCall(reply, options.staffRoleId(), clicker, event.isFromGuild())
        .ifPresent(m -> event.getChannel().sendMessage(m).queue());
  }

  static ConversationKey key(long member, long place) {
    return new ConversationKey(Long.toUnsignedString(member), Long.toUnsignedString(place));
  }

  static MessageCreateData plain(String text) {
    return new MessageCreateBuilder().setContent(text).setAllowedMentions(EnumSet.noneOf(Message.MentionType.class)).build();
  }
}
