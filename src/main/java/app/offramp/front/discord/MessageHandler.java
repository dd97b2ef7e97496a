package app.offramp.front.discord;

import app.offramp.core.conversation.ConversationKey;
import app.offramp.core.conversation.Input;
import app.offramp.core.conversation.Reply;
import app.offramp.core.port.in.Conversations;
import java.util.Optional;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Typed messages. Support channel: a question the bot understands opens a thread on the message and
 * the conversation goes on there; anything else is left to humans. A thread of a support channel:
 * the member's own conversation goes on; anyone else gets an answer only to a question the bot
 * understands. DMs: every message gets a reply. Elsewhere: only when the bot is mentioned.
 */
final class MessageHandler {
  private static final Logger LOG = LoggerFactory.getLogger(MessageHandler.class);
  /** Mentions (<@id>, <@&id>, <#id>, @everyone, @here) name people and places, never a topic. */
  private static final Pattern MENTIONS = Pattern.compile("<(@[!&]?|#)\\d{1,20}>|@(everyone|here)\\b");

  private final Conversations conversations;
  private final DiscordOptions options;
  private final FloodGuard flood;
  private final Replies replies;

  MessageHandler(Conversations conversations, DiscordOptions options, FloodGuard flood, Replies replies) {
    this.conversations = conversations;
    this.options = options;
    this.flood = flood;
    this.replies = replies;
  }

  void handle(MessageReceivedEvent event) {
    if (event.getAuthor().isBot() || event.isWebhookMessage()) {
      return;
    }
    Message message = event.getMessage();
    long member = event.getAuthor().getIdLong();
    String text = MENTIONS.matcher(message.getContentRaw()).replaceAll(" ");
    long channelId = event.getChannel().getIdLong();
    if (!event.isFromGuild()) {
      if (admit(event, member)) {
        send(event, conversations.handle(OfframpListener.key(member, channelId), new Input.Text(text)), member);
      }
      return;
    }
    if (options.supportChannelIds().contains(channelId) && event.getChannelType() == ChannelType.TEXT) {
      // The thread opened on this message will carry the message's id, so the key is ready for it.
      ConversationKey key = OfframpListener.key(member, message.getIdLong());
      Optional<Reply> answered = conversations.answerIfUnderstood(key, text, () -> admit(event, member));
      answered.ifPresent(first -> openThread(event, message, member, first));
      return;
    }
    if (event.getChannelType().isThread() && event.getChannel() instanceof ThreadChannel thread
        && options.supportChannelIds().contains(thread.getParentChannel().getIdLong())) {
      ConversationKey key = OfframpListener.key(member, channelId);
      if (conversations.isActive(key)) {
        if (admit(event, member)) {
          send(event, conversations.handle(key, new Input.Text(text)), member);
        }
      } else {
        // Staff and others talk in threads too: only a question the bot understands gets an answer.
        conversations.answerIfUnderstood(key, text, () -> admit(event, member)).ifPresent(r -> send(event, r, member));
      }
      return;
    }
    if (message.getMentions().isMentioned(event.getJDA().getSelfUser(), Message.MentionType.USER) && admit(event, member)) {
      send(event, conversations.handle(OfframpListener.key(member, channelId), new Input.Text(text)), member);
    }
  }

  private void openThread(MessageReceivedEvent event, Message message, long member, Reply first) {
    String name = event.getMember() != null ? event.getMember().getEffectiveName() : event.getAuthor().getName();
    String title = Texts.threadName(first.threadTitle().orElse("Offramp"), name);
    long channelId = event.getChannel().getIdLong();
    message.createThreadChannel(title).queue(
        thread -> replies.send(first, member, true, m -> thread.sendMessage(m).queue()),
        failure -> LOG.warn("could not open a thread in channel {}: {}", channelId, failure.toString()));
  }

  private void send(MessageReceivedEvent event, Reply reply, long member) {
    replies.send(reply, member, event.isFromGuild(), m -> event.getChannel().sendMessage(m).queue());
  }

  private boolean admit(MessageReceivedEvent event, long member) {
    FloodGuard.Verdict verdict = flood.check(member);
    if (verdict == FloodGuard.Verdict.NOTICE) {
      event.getChannel().sendMessage(OfframpListener.plain(OfframpListener.FLOOD_NOTICE)).queue();
    }
    return verdict == FloodGuard.Verdict.ALLOW;
  }
}
