package app.offramp.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import app.offramp.adapter.store.CaffeineConversationStore;
import app.offramp.core.conversation.ConversationKey;
import app.offramp.core.conversation.Engines;
import app.offramp.core.conversation.Input;
import app.offramp.core.port.in.PreparedReload;
import org.junit.jupiter.api.Test;

class ConversationServiceTest {
  private final ConversationKey key = new ConversationKey("ana", "support-message-1");

  /** Regression: the support channel wrote state and then deleted it when the reply was not confident. */
  @Test
  void answerIfUnderstoodKeepsStateOnlyForAnUnderstoodAndAdmittedQuestion() {
    ConversationService service = new ConversationService(Engines.real(), new CaffeineConversationStore());
    assertThat(service.answerIfUnderstood(key, "anyone watching the game tonight?", () -> true)).isEmpty();
    assertThat(service.isActive(key)).isFalse();
    assertThat(service.answerIfUnderstood(key, "how do i cancel amazon music on my phone", () -> false)).isEmpty();
    assertThat(service.isActive(key)).as("not admitted: nothing kept").isFalse();
    assertThat(service.answerIfUnderstood(key, "how do i cancel amazon music on my phone", () -> true))
        .hasValueSatisfying(r -> assertThat(r.text()).contains("Step 1 of 5"));
    assertThat(service.isActive(key)).isTrue();
    assertThat(service.handle(key, new Input.Text("next")).text()).contains("Step 2 of 5");
  }

  /** Issue 26: members talking among themselves in a support channel are not questions the bot missed. */
  @Test
  void aMessageNotUnderstoodIsAMissOnlyWhenItAsksOrMentionsTheBot() {
    ConversationService service = new ConversationService(Engines.real(), new CaffeineConversationStore());
    java.util.List<app.offramp.core.port.out.TurnEvent.Outcome> outcomes = new java.util.ArrayList<>();
    service.addObserver(e -> outcomes.add(e.outcome()));
    ConversationKey channel = new ConversationKey("ana", "m-1", ConversationKey.Where.SUPPORT_CHANNEL);
    service.answerIfUnderstood(channel, "lmao that clip from last night", () -> true);
    service.answerIfUnderstood(channel, "my router keeps dropping the connection?", () -> true);
    service.answerIfUnderstood(channel, "how do i get my old username back", () -> true);
    service.answerIfUnderstood(channel, "wie bekomme ich meinen alten namen zurück", () -> true);
    service.answerIfUnderstood(channel, "lmao that clip from last night", () -> true, java.util.Optional.empty(), true);
    assertThat(outcomes).containsExactly(app.offramp.core.port.out.TurnEvent.Outcome.CHATTER,
        app.offramp.core.port.out.TurnEvent.Outcome.UNANSWERED, app.offramp.core.port.out.TurnEvent.Outcome.UNANSWERED,
        app.offramp.core.port.out.TurnEvent.Outcome.UNANSWERED, app.offramp.core.port.out.TurnEvent.Outcome.UNANSWERED);
  }

  @Test
  void commandsAreCalledByTheNameTheFrontRegistered() {
    ConversationService service = new ConversationService(Engines.real(), new CaffeineConversationStore());
    assertThat(service.commands()).extracting(c -> c.name()).contains("cancel", "unlimited-vs-prime", "staff");
    assertThat(service.command(key, "cancel", java.util.Map.of("platform", "mobile")).text())
        .contains("Open the Amazon Music app");
    assertThat(service.command(key, "ghost", java.util.Map.of()).text()).contains("no longer available");
  }

  @Test
  void aFailedReloadHasProblemsAndNothingToCommit() {
    ConversationService service = new ConversationService(Engines.real(), new CaffeineConversationStore(), () -> {
      throw new java.io.IOException("disk gone");
    });
    PreparedReload reload = service.prepareReload();
    assertThat(reload.ok()).isFalse();
    assertThat(reload.problems()).singleElement().asString().contains("IOException");
    org.assertj.core.api.Assertions.assertThatThrownBy(reload::commit).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aStaffCallCarriesTheHandoffTopicPlatformStepTroubleAndStart() {
    ConversationService service = new ConversationService(Engines.real(), new CaffeineConversationStore());
    ConversationKey thread = new ConversationKey("ana", "thread-1", ConversationKey.Where.THREAD);
    long before = System.currentTimeMillis();
    assertThat(service.handle(thread, new Input.Text("how do i cancel amazon music on my phone")).text())
        .contains("Step 1 of 5");
    service.handle(thread, new Input.Text("next"));
    service.handle(thread, new Input.Pick("nav:didnt"));
    app.offramp.core.conversation.Reply call = service.handle(thread, new Input.Pick("nav:staff"));
    assertThat(call.callStaff()).isTrue();
    app.offramp.core.conversation.Handoff h = call.handoff().orElseThrow();
    assertThat(h.topicId()).isEqualTo("cancel");
    assertThat(h.topic()).isEqualTo("Cancel Amazon Music");
    assertThat(h.platform()).isEqualTo("In the mobile app");
    assertThat(h.stepReached()).hasValue(new app.offramp.core.conversation.Reply.Progress(2, 5));
    assertThat(h.troubleStep()).hasValue(new app.offramp.core.conversation.Reply.Progress(2, 5));
    assertThat(h.startedAt()).isBetween(before, System.currentTimeMillis());
    assertThat(service.handle(key, new Input.Text("is there a penalty for cancelling")).handoff())
        .as("only a staff call carries one").isEmpty();
  }

  @Test
  void releasedByStaffTheBotAnswersAgainFromTheWalkThroughPutAside() {
    ConversationService service = new ConversationService(Engines.real(), new CaffeineConversationStore());
    ConversationKey thread = new ConversationKey("ana", "thread-2", ConversationKey.Where.THREAD);
    service.handle(thread, new Input.Text("how do i cancel amazon music on my phone"));
    service.handle(thread, new Input.Pick("nav:staff"));
    assertThat(service.handle(thread, new Input.Text("next")).kind())
        .as("staff have the floor").isEqualTo(app.offramp.core.conversation.Reply.Kind.LEFT_TO_STAFF);
    service.release(thread);
    assertThat(service.handle(thread, new Input.Text("next")).text()).contains("Step 2 of 5");
    service.release(new ConversationKey("nobody", "nowhere")); // nothing to release: no error, nothing kept
    assertThat(service.isActive(new ConversationKey("nobody", "nowhere"))).isFalse();
  }

  @Test
  void frontsReadTheirWordsFromTheMessagesFile() {
    ConversationService service = new ConversationService(Engines.real(), new CaffeineConversationStore());
    assertThat(service.text("ticket.claimed", "staff", "Sam")).isEqualTo("Sam is looking at this.");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.text("ticket.no_such_key"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ticket.no_such_key");
  }
}
