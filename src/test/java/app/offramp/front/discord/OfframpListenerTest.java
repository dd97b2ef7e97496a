package app.offramp.front.discord;

import app.offramp.adapter.embedding.MiniLmSentenceEncoder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import app.offramp.TestPaths;
import app.offramp.adapter.store.CaffeineConversationStore;
import app.offramp.core.conversation.ConversationEngine;
import app.offramp.core.service.ConversationService;
import app.offramp.core.intent.IntentCatalog;
import app.offramp.core.intent.IntentLoader;
import app.offramp.core.match.IntentMatcher;
import app.offramp.core.match.MatchThresholds;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Handler rules that need no Discord at all: who is ignored, and when the flood guard speaks. */
class OfframpListenerTest {
  private static final long SUPPORT = 10L;
  private static final long GENERAL = 11L;
  private OfframpListener listener;

  @BeforeEach
  void setUp() throws Exception {
    listener = listener(3);
  }

  /** The real service and handlers over the project's intents, with a flood guard of {@code floodMax}. */
  private static OfframpListener listener(int floodMax) throws Exception {
    IntentCatalog catalog = new IntentLoader().load(TestPaths.INTENTS);
    ConversationService service = new ConversationService(
        new ConversationEngine(catalog, new IntentMatcher(catalog, MatchThresholds.DEFAULT, MiniLmSentenceEncoder.shared())),
        new CaffeineConversationStore(Duration.ofMinutes(30), 100, Ticker.systemTicker()));
    DiscordOptions options = new DiscordOptions("fake-token", Optional.empty(), Set.of(SUPPORT), Optional.empty(),
        "http://127.0.0.1/api/v10/", "ws://127.0.0.1/", true, floodMax, Duration.ofSeconds(10), Duration.ofMinutes(10));
    return OfframpListener.create(service, options, new FloodGuard(floodMax, Duration.ofSeconds(10), Ticker.systemTicker()),
        new StaffPings(Duration.ofMinutes(10), Ticker.systemTicker()), Runnable::run);
  }

  private static MessageReceivedEvent message(boolean guild, long channelId, String content, boolean bot, boolean mentioned) {
    MessageReceivedEvent event = mock(MessageReceivedEvent.class, RETURNS_DEEP_STUBS);
    when(event.getAuthor().isBot()).thenReturn(bot);
    when(event.getAuthor().getIdLong()).thenReturn(42L);
    when(event.isWebhookMessage()).thenReturn(false);
    when(event.isFromGuild()).thenReturn(guild);
    when(event.getChannel().getIdLong()).thenReturn(channelId);
    when(event.getChannelType()).thenReturn(guild ? ChannelType.TEXT : ChannelType.PRIVATE);
    when(event.getMessage().getContentRaw()).thenReturn(content);
    when(event.getMessage().getIdLong()).thenReturn(99L);
    when(event.getMessage().getMentions().isMentioned(any(), any(Message.MentionType[].class))).thenReturn(mentioned);
    return event;
  }

  @Test
  void botsOwnAndOtherBotsMessagesAreIgnored() {
    MessageReceivedEvent event = message(false, 5, "how do I cancel amazon music", true, false);
    listener.onMessageReceived(event);
    verify(event.getChannel(), never()).sendMessage(any(MessageCreateData.class));
  }

  @Test
  void anOtherChannelIsIgnoredUnlessTheBotIsMentioned() {
    MessageReceivedEvent quiet = message(true, GENERAL, "how do I cancel amazon music", false, false);
    listener.onMessageReceived(quiet);
    verify(quiet.getChannel(), never()).sendMessage(any(MessageCreateData.class));
    MessageReceivedEvent mentioned = message(true, GENERAL, "<@1> how do I cancel amazon music", false, true);
    listener.onMessageReceived(mentioned);
    verify(mentioned.getChannel(), times(1)).sendMessage(any(MessageCreateData.class));
  }

  @Test
  void anUnmatchedSupportChannelMessageIsLeftToHumans() {
    MessageReceivedEvent event = message(true, SUPPORT, "anyone watching the game tonight?", false, false);
    listener.onMessageReceived(event);
    verify(event.getMessage(), never()).createThreadChannel(any());
    verify(event.getChannel(), never()).sendMessage(any(MessageCreateData.class));
  }

  @Test
  void aFloodGetsOneNoticeAndThenSilence() {
    MessageReceivedEvent event = message(false, 5, "is there a penalty for cancelling", false, false);
    for (int i = 0; i < 10; i++) {
      listener.onMessageReceived(event);
    }
    // Three answers, one notice, nothing for the other six.
    verify(event.getChannel(), times(4)).sendMessage(any(MessageCreateData.class));
  }

  /** Regression: a burst of questions opened a thread each. Now: at most 10 writes for 30 questions. */
  @Test
  @SuppressWarnings("unchecked")
  void thirtyQuestionsInABurstCauseAtMostTenWritesInOneThread() throws Exception {
    OfframpListener burst = listener(8); // the default discord.flood.max-events
    net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel thread =
        mock(net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel.class, RETURNS_DEEP_STUBS);
    when(thread.getIdLong()).thenReturn(99L);
    java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();
    for (int i = 0; i < 30; i++) {
      MessageReceivedEvent event = message(true, SUPPORT, i % 2 == 0 ? "how do i cancel amazon music on my phone"
          : "is there a penalty for cancelling", false, false);
      when(event.getMessage().getIdLong()).thenReturn(99L + i);
      var action = mock(net.dv8tion.jda.api.requests.restaction.ThreadChannelAction.class);
      when(event.getMessage().createThreadChannel(org.mockito.ArgumentMatchers.anyString())).thenReturn(action);
      var notice = mock(net.dv8tion.jda.api.requests.restaction.MessageCreateAction.class);
      when(event.getChannel().sendMessage(any(MessageCreateData.class))).thenReturn(notice);
      org.mockito.Mockito.doAnswer(inv -> {
        writes.incrementAndGet();
        ((java.util.function.Consumer<net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel>) inv.getArgument(0))
            .accept(thread);
        return null;
      }).when(action).queue(any(), any());
      org.mockito.Mockito.doAnswer(inv -> {
        writes.incrementAndGet();
        return null;
      }).when(notice).queue();
      burst.onMessageReceived(event);
    }
    org.mockito.Mockito.verify(thread, org.mockito.Mockito.atLeast(1)).sendMessage(any(MessageCreateData.class));
    int inThread = org.mockito.Mockito.mockingDetails(thread).getInvocations().stream()
        .filter(inv -> inv.getMethod().getName().equals("sendMessage")).mapToInt(inv -> 1).sum();
    assertThat(writes.get() + inThread).as("threads opened + notices + messages in the thread").isBetween(3, 10);
  }

  /** Clicks on other members' buttons and forged ids count against the flood guard too. */
  @Test
  void forgedAndForeignClicksCountAgainstTheFloodGuard() {
    net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent click =
        mock(net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent.class, RETURNS_DEEP_STUBS);
    when(click.getUser().getIdLong()).thenReturn(42L);
    when(click.getComponentId()).thenReturn("forged-id", "o:7:nav:next", "forged", "o:7:nav:next", "forged");
    for (int i = 0; i < 5; i++) {
      listener.onButtonInteraction(click);
    }
    org.mockito.ArgumentCaptor<MessageCreateData> sent = org.mockito.ArgumentCaptor.forClass(MessageCreateData.class);
    verify(click, times(5)).reply(sent.capture());
    assertThat(sent.getAllValues()).extracting(MessageCreateData::getContent).endsWith(
        "You're sending messages too fast; I'll answer again in a few seconds.",
        "You're sending messages too fast; I'll answer again in a few seconds.");
  }

  @Test
  void aHandlerFailureNeverEscapesIntoJda() {
    MessageReceivedEvent event = message(false, 5, "is there a penalty for cancelling", false, false);
    when(event.getChannel().sendMessage(any(MessageCreateData.class))).thenThrow(new IllegalStateException("boom"));
    org.assertj.core.api.Assertions.assertThatCode(() -> listener.onMessageReceived(event)).doesNotThrowAnyException();
  }
}
