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
}
