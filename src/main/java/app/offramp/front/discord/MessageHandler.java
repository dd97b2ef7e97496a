package app.offramp.front.discord;

import app.offramp.core.conversation.ConversationKey;
import app.offramp.core.conversation.Input;
import app.offramp.core.conversation.Reply;
import app.offramp.core.port.in.Conversations;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.Permission;
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

  /** A member in a channel: one open thread each. */
  private record Place(long member, long channel) {}

  /** A thread the bot opened for a member: its id (the question's message id) and the thread once created. */
  private record OpenThread(long id, CompletableFuture<ThreadChannel> thread) {}

  private final Conversations conversations;
  private final DiscordOptions options;
  private final FloodGuard flood;
  private final Replies replies;
  /**
   * Each member's open thread per channel, so a second question goes into the first thread instead
   * of a new one, even while the first is still being created. A thread counts as open while its
   * conversation is active; entries go a day after their last use.
   */
  private final Cache<Place, OpenThread> openThreads = Caffeine.newBuilder().expireAfterAccess(Duration.ofDays(1))
      .maximumSize(1_000_000).executor(Runnable::run).build();
  /** Who a thread was opened for: their typing there after the conversation expired is a new question. */
  private final Cache<Long, Long> threadOwners = Caffeine.newBuilder().expireAfterAccess(Duration.ofDays(7))
      .maximumSize(1_000_000).executor(Runnable::run).build();

  private final LatestMessages latest;
  private final Backlog backlog;
  private final DiscordTelemetry telemetry;

  MessageHandler(Conversations conversations, DiscordOptions options, FloodGuard flood, Replies replies,
      LatestMessages latest, Backlog backlog, DiscordTelemetry telemetry) {
    this.backlog = backlog;
    this.telemetry = telemetry;
    this.conversations = conversations;
    this.options = options;
    this.flood = flood;
    this.replies = replies;
    this.latest = latest;
  }

  void handle(MessageReceivedEvent event) {
    handle(event, System.nanoTime());
  }

  /** @param arrived when the gateway event arrived ({@link System#nanoTime()}), for the reply latency */
  void handle(MessageReceivedEvent event, long arrived) {
    if (event.getAuthor().isBot() || event.isWebhookMessage()) {
      return;
    }
    if (backlog.stopping()) {
      backlog.arrivedWhileStopping(); // shutting down: new questions wait for the next start (or for humans)
      return;
    }
    Message message = event.getMessage();
    long member = event.getAuthor().getIdLong();
    String text = MENTIONS.matcher(message.getContentRaw()).replaceAll(" ");
    long channelId = event.getChannel().getIdLong();
    if (!event.isFromGuild()) {
      if (admit(event, member)) {
        send(event, conversations.handle(OfframpListener.key(member, channelId, ConversationKey.Where.DM),
            new Input.Text(text), serverLocale()), member, arrived);
      }
      return;
    }
    if (options.supportChannelIds().contains(channelId) && event.getChannelType() == ChannelType.TEXT) {
      Place place = new Place(member, channelId);
      OpenThread open = openThreads.getIfPresent(place);
      if (open != null && conversations.isActive(OfframpListener.key(member, open.id()))) {
        // One open thread per member: the new question is answered there, not in a second thread.
        conversations.answerIfUnderstood(OfframpListener.key(member, open.id(), ConversationKey.Where.SUPPORT_CHANNEL), text,
                () -> admit(event, member), serverLocale(), mentionsBot(event))
            .ifPresent(reply -> open.thread().thenAccept(thread -> replies.send(reply, member, name(event), thread,
                m -> thread.sendMessage(m).queue(sent -> {
                  latest.sent(OfframpListener.key(member, open.id()), sent.getIdLong());
                  telemetry.replied(System.nanoTime() - arrived);
                }))));
        return;
      }
      // The thread opened on this message will carry the message's id, so the key is ready for it.
      // Admitted only when the channel's backlog has room: the work is then counted until sent.
      ConversationKey key = OfframpListener.key(member, message.getIdLong(), ConversationKey.Where.SUPPORT_CHANNEL);
      conversations.answerIfUnderstood(key, text, () -> admit(event, member) && admitWork(channelId), serverLocale(),
              mentionsBot(event))
          .ifPresent(first -> openThread(event, message, member, first, place, arrived));
      return;
    }
    if (event.getChannelType().isThread() && replies.tickets().onMessage(event)) {
      return; // an open ticket: staff have the floor, the bot says nothing
    }
    if (event.getChannelType().isThread() && event.getChannel() instanceof ThreadChannel thread
        && (options.supportChannelIds().contains(thread.getParentChannel().getIdLong())
            || threadOwners.getIfPresent(channelId) != null
            || replies.tickets().memberOf(channelId).isPresent())) {
      ConversationKey key = OfframpListener.key(member, channelId, ConversationKey.Where.THREAD);
      // The member a ticket from a DM was opened for owns its thread as the asker owns a support thread.
      Long owner = Optional.ofNullable(threadOwners.getIfPresent(channelId))
          .or(() -> replies.tickets().memberOf(channelId)).orElse(null);
      if (conversations.isActive(key) || owner != null && owner == member) {
        // The member's own conversation, or their own thread after it expired: a new question.
        if (admit(event, member)) {
          send(event, conversations.handle(key, new Input.Text(text), serverLocale()), member, arrived);
        }
      } else {
        // Staff and others talk in threads too: only a question the bot understands gets an answer.
        conversations.answerIfUnderstood(key, text, () -> admit(event, member), serverLocale(), mentionsBot(event))
            .ifPresent(r -> send(event, r, member, arrived));
      }
      return;
    }
    if (message.getMentions().isMentioned(event.getJDA().getSelfUser(), Message.MentionType.USER) && admit(event, member)) {
      if (event.getChannelType() == ChannelType.TEXT && mayOpenThreads(event)) {
        // A walk-through in a general channel would fill it: the answer goes into a thread there too.
        Reply reply = conversations.handle(OfframpListener.key(member, message.getIdLong(), ConversationKey.Where.CHANNEL),
            new Input.Text(text), serverLocale());
        if (reply.kind() != Reply.Kind.LEFT_TO_STAFF && admitWork(channelId)) {
          openThread(event, message, member, reply, new Place(member, channelId), arrived);
        }
      } else {
        send(event, conversations.handle(OfframpListener.key(member, channelId, ConversationKey.Where.CHANNEL),
            new Input.Text(text), serverLocale()), member, arrived);
      }
    }
  }

  /** Whether the message mentions the bot: then a question it does not understand is a miss, not chatter. */
  private static boolean mentionsBot(MessageReceivedEvent event) {
    try {
      return event.getMessage().getMentions().isMentioned(event.getJDA().getSelfUser(), Message.MentionType.USER);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean mayOpenThreads(MessageReceivedEvent event) {
    try {
      return event.getGuild().getSelfMember().hasPermission(event.getGuildChannel(),
          Permission.CREATE_PUBLIC_THREADS, Permission.MESSAGE_SEND_IN_THREADS);
    } catch (RuntimeException e) {
      return false; // permissions unknown: answer inline rather than risk a refused thread
    }
  }

  private void openThread(MessageReceivedEvent event, Message message, long member, Reply first, Place place,
      long arrived) {
    String name = event.getMember() != null ? event.getMember().getEffectiveName() : event.getAuthor().getName();
    String title = Texts.threadName(first.threadTitle().orElse("Offramp"), name);
    long channelId = event.getChannel().getIdLong();
    CompletableFuture<ThreadChannel> created = new CompletableFuture<>();
    openThreads.put(place, new OpenThread(message.getIdLong(), created));
    threadOwners.put(message.getIdLong(), member);
    message.createThreadChannel(title).queue(thread -> {
      created.complete(thread);
      // The work ends when the first message is out (or refused): shutdown waits for it, so a
      // thread is never left without its first message.
      replies.send(first, member, name, thread, m -> thread.sendMessage(m).queue(sent -> {
        latest.sent(OfframpListener.key(member, thread.getIdLong()), sent.getIdLong());
        telemetry.replied(System.nanoTime() - arrived);
        backlog.finish(channelId);
      }, error -> {
        LOG.warn("could not answer in a new thread in channel {}: {}", channelId, error.toString());
        backlog.finish(channelId);
      }));
    }, failure -> {
      openThreads.invalidate(place);
      created.completeExceptionally(failure);
      backlog.finish(channelId);
      LOG.warn("could not open a thread in channel {}: {}", channelId, failure.toString());
    });
  }

  private void send(MessageReceivedEvent event, Reply reply, long member, long arrived) {
    ConversationKey key = OfframpListener.key(member, event.getChannel().getIdLong());
    replies.send(reply, member, name(event), event.getChannel(),
        m -> event.getChannel().sendMessage(m).queue(sent -> {
          latest.sent(key, sent.getIdLong());
          telemetry.replied(System.nanoTime() - arrived);
        }));
  }

  /**
   * A typed message carries no locale (Discord sends it only with interactions): the server's
   * language ({@code discord.locale}) stands in when the words do not say theirs.
   */
  private Optional<String> serverLocale() {
    return Optional.of(options.locale());
  }

  /** The member's name as the server shows it (never a mention: it is only ever read). */
  static String name(MessageReceivedEvent event) {
    return event.getMember() != null ? event.getMember().getEffectiveName() : event.getAuthor().getEffectiveName();
  }

  private boolean admitWork(long channelId) {
    if (backlog.tryStart(channelId)) {
      return true;
    }
    telemetry.backlogFull();
    LOG.warn("channel {} has {} replies under way or the bot is stopping: question left to humans ({} so far)",
        channelId, options.maxPendingPerChannel(), backlog.refused());
    return false;
  }

  private boolean admit(MessageReceivedEvent event, long member) {
    FloodGuard.Verdict verdict = flood.check(member);
    if (verdict != FloodGuard.Verdict.ALLOW) {
      telemetry.floodDropped();
    }
    if (verdict == FloodGuard.Verdict.NOTICE) {
      event.getChannel().sendMessage(OfframpListener.plain(OfframpListener.floodNotice(conversations))).queue();
    }
    return verdict == FloodGuard.Verdict.ALLOW;
  }
}
