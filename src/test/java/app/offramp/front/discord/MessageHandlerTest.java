package app.offramp.front.discord;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import app.offramp.core.conversation.ConversationKey;
import app.offramp.core.conversation.Input;
import app.offramp.core.conversation.Reply;
import app.offramp.core.port.in.Conversations;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.unions.MessageChannelUnion;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import org.junit.jupiter.api.Test;

/** The message handler against the port alone (a mock): which use case each kind of message reaches. */
class MessageHandlerTest {
  private static final long SUPPORT = 10L;
  private static final long ANA = 42L;
  private static final long BOB = 43L;
  private static final long QUESTION = 500L;

  private final Conversations conversations = mock(Conversations.class);
  private final MessageHandler handler = new MessageHandler(conversations,
      new DiscordOptions("fake-token", Optional.empty(), Set.of(SUPPORT), Optional.empty(), "http://127.0.0.1/api/v10/",
          "ws://127.0.0.1/", true, 100, Duration.ofSeconds(10), Duration.ofMinutes(10)),
      new FloodGuard(100, Duration.ofSeconds(10), Ticker.systemTicker()),
      new Replies(new Tickets(conversations, new DiscordOptions("fake-token", Optional.empty(), Set.of(SUPPORT),
          Optional.empty(), "http://127.0.0.1/api/v10/", "ws://127.0.0.1/", true, 100, Duration.ofSeconds(10),
          Duration.ofMinutes(10)), new StaffPings(Duration.ofMinutes(10), Ticker.systemTicker()),
          app.offramp.core.port.out.TicketObserver.NONE, java.time.Clock.systemUTC())), new LatestMessages(),
      new Backlog(50), DiscordTelemetry.NONE);

  private static Reply answer(String text) {
    return new Reply(text, Optional.empty(), List.of(), Optional.of("Cancel Amazon Music"), false, Optional.of("cancel"),
        1.0, Reply.Kind.ANSWER);
  }

  private static MessageReceivedEvent event(long author, MessageChannelUnion channel, long channelId, ChannelType type,
      long messageId, String text) {
    MessageReceivedEvent event = mock(MessageReceivedEvent.class, RETURNS_DEEP_STUBS);
    when(event.getAuthor().isBot()).thenReturn(false);
    when(event.getAuthor().getIdLong()).thenReturn(author);
    when(event.isFromGuild()).thenReturn(true);
    when(event.getChannelType()).thenReturn(type);
    if (channel != null) {
      when(event.getChannel()).thenReturn(channel);
    }
    when(event.getChannel().getIdLong()).thenReturn(channelId);
    when(event.getMessage().getIdLong()).thenReturn(messageId);
    when(event.getMessage().getContentRaw()).thenReturn(text);
    return event;
  }

  /** Regression: a member typing in their own thread after the conversation expired met silence. */
  @Test
  void aMembersOwnThreadAfterExpiryIsAnsweredAsANewQuestionAndOthersOnlyWhenUnderstood() {
    when(conversations.answerIfUnderstood(any(), anyString(), any(), any(), org.mockito.ArgumentMatchers.anyBoolean()))
        .thenAnswer(inv -> {
      ((java.util.function.BooleanSupplier) inv.getArgument(2)).getAsBoolean();
      return Optional.of(answer("Step 1 of 5"));
    });
    handler.handle(event(ANA, null, SUPPORT, ChannelType.TEXT, QUESTION, "how do i cancel amazon music"));

    MessageChannelUnion thread = mock(MessageChannelUnion.class,
        withSettings().extraInterfaces(ThreadChannel.class).defaultAnswer(RETURNS_DEEP_STUBS));
    when(((ThreadChannel) thread).getParentChannel().getIdLong()).thenReturn(SUPPORT);
    ConversationKey anaInThread = OfframpListener.key(ANA, QUESTION);
    when(conversations.isActive(anaInThread)).thenReturn(false); // expired
    when(conversations.handle(any(), any(), any())).thenReturn(answer("Hi again"));
    handler.handle(event(ANA, thread, QUESTION, ChannelType.GUILD_PUBLIC_THREAD, 501, "asdf hello?"));
    verify(conversations).handle(anaInThread, new Input.Text("asdf hello?"), Optional.of("en"));

    handler.handle(event(BOB, thread, QUESTION, ChannelType.GUILD_PUBLIC_THREAD, 502, "lol nice"));
    verify(conversations, never()).handle(org.mockito.ArgumentMatchers.eq(OfframpListener.key(BOB, QUESTION)),
        org.mockito.ArgumentMatchers.eq(new Input.Text("lol nice")), any());
    verify(conversations).answerIfUnderstood(any(), org.mockito.ArgumentMatchers.eq("lol nice"), any(), any(),
        org.mockito.ArgumentMatchers.eq(false));
  }
}
