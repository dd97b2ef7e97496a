package app.offramp.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import app.offramp.core.conversation.ConversationState.Phase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Walks the dialogue table at the top of {@link ConversationEngine}: each test is one state, and
 * feeds it each kind of input (question, not understood, small talk, command word, pick).
 */
class DialogueTableTest {
  private final app.offramp.MutableClock clock = new app.offramp.MutableClock(Instant.parse("2026-11-26T14:05:00Z"));
  private final ConversationEngine engine = Engines.withClock(clock);
  private static final String NOTHING_IN_PROGRESS = Engines.real().catalog().messages()
      .get(app.offramp.core.intent.Text.NOTHING_IN_PROGRESS, "service", "Amazon Music");

  private Turn text(ConversationState state, String text) {
    return engine.handle(state, new Input.Text(text));
  }

  private Turn pick(ConversationState state, String id) {
    return engine.handle(state, new Input.Pick(id));
  }

  private ConversationState onStep2() {
    ConversationState s = text(null, "cancel amazon music on my laptop").state();
    return pick(s, ConversationEngine.NEXT).state();
  }

  private ConversationState askingSlot() {
    return text(null, "how do i cancel amazon music").state();
  }

  @Test
  void idle() {
    assertThat(text(null, "is there a penalty for cancelling").reply().intentId()).contains("penalty");
    Reply notUnderstood = text(null, "what's the weather in Paris").reply();
    assertThat(notUnderstood.kind()).isEqualTo(Reply.Kind.NO_MATCH);
    assertThat(notUnderstood.choices()).extracting(Choice::id).contains("intent:cancel");
    Reply thanks = text(null, "thank you!").reply();
    assertThat(thanks.kind()).isEqualTo(Reply.Kind.SMALL_TALK);
    assertThat(thanks.choices()).isEmpty();
    assertThat(text(null, "done").reply().text()).isEqualTo(NOTHING_IN_PROGRESS);
    assertThat(pick(null, ConversationEngine.NEXT).reply().kind()).isEqualTo(Reply.Kind.EXPIRED);
  }

  @Test
  void askingTheSlot() {
    ConversationState asking = askingSlot();
    assertThat(asking.phase()).isEqualTo(Phase.AWAITING_SLOT);
    assertThat(text(asking, "my iphone").reply().text()).contains("Step 1 of 5", "Open the Amazon Music app");
    Turn device = text(asking, "on my echo dot");
    assertThat(device.reply().text()).contains("not for that device");
    assertThat(device.reply().choices()).extracting(Choice::id).startsWith("slot:computer", "slot:mobile");
    Turn side = text(asking, "is there a penalty if i cancel early");
    assertThat(side.reply().intentId()).contains("penalty");
    assertThat(side.reply().choices()).extracting(Choice::id).startsWith(ConversationEngine.RESUME);
    assertThat(pick(side.state(), ConversationEngine.RESUME).reply().text()).endsWith("computer or in the mobile app?");
    Turn again = text(asking, "qwertyuiop");
    assertThat(again.reply().text()).startsWith("Sorry, I didn't get which one.");
    assertThat(text(again.state(), "zxcvbnm").reply().text()).startsWith("I still can't tell which one")
        .contains("talk to staff");
    assertThat(text(asking, "ok").reply().choices()).isEqualTo(asking.offered());
    assertThat(text(asking, "2").reply().text()).contains("Open the Amazon Music app");
    assertThat(pick(asking, "slot:computer").reply().text()).contains("Log in to your Amazon account");
  }

  @Test
  void onAStep() {
    ConversationState step2 = onStep2();
    assertThat(step2.step()).isEqualTo(1);
    assertThat(text(step2, "how do i cancel amazon music").reply().text()).startsWith("You're already on step 2 of 5.")
        .contains("Step 2 of 5");
    Turn side = text(step2, "will i lose my playlists");
    assertThat(side.reply().intentId()).contains("backup");
    assertThat(side.reply().choices().get(0).label()).isEqualTo("Back to step 2");
    assertThat(text(side.state(), "next").reply().text()).contains("Step 3 of 5");
    assertThat(text(side.state(), "back").reply().text()).contains("Step 1 of 5");
    Turn lost = text(step2, "asdf");
    assertThat(lost.reply().text()).startsWith("Still on step 2 of 5 — type next, back, or ask another question");
    assertThat(lost.reply().choices()).isEqualTo(step2.offered());
    assertThat(lost.state().step()).isEqualTo(1);
    assertThat(text(step2, "cool").reply().text()).contains("step 2 of 5");
    assertThat(text(step2, "3").reply().text()).contains("(all steps)");
    assertThat(text(step2, "ugh could you just list every step for me").reply().text())
        .as("show_all inside a sentence").contains("(all steps)");
    assertThat(pick(step2, ConversationEngine.STOP).reply().text()).startsWith("Stopped at step 2 of 5");
    assertThat(pick(step2, ConversationEngine.DONE).reply().text()).as("done typed on a middle step: that step is done")
        .contains("Step 3 of 5");
  }

  @Test
  void theSameControlsSitInTheSamePlaceOnEveryStep() {
    ConversationState s = text(null, "cancel amazon music on my phone").state();
    for (int step = 1; step <= 5; step++) {
      assertThat(s.offered()).extracting(Choice::label).containsExactly("Back", "Next", "Show all steps",
          step == 5 ? "Done" : "Stop here", "It didn't work", "Talk to staff");
      if (step < 5) {
        s = text(s, "2").state();
      }
    }
    Turn last = text(s, "next");
    assertThat(last.reply().text()).startsWith("That was the last step.");
    // Issue 22: the same reply is never sent twice in a row; the controls stay.
    Turn again = text(last.state(), "next");
    assertThat(again.reply().text()).isNotEqualTo(last.reply().text()).startsWith("Same as just above.");
    assertThat(again.reply().choices()).isEqualTo(last.reply().choices());
  }

  /** Regression: a typed label with an apostrophe ("It didn't work") never matched its button. */
  @Test
  void aTypedLabelPicksItsChoiceWithOrWithoutTheApostrophe() {
    ConversationState onStep = text(null, "cancel amazon music on my phone").state();
    for (String typed : java.util.List.of("it didn't work", "It didnt work.", "IT DIDN’T WORK")) {
      assertThat(engine.choiceOf(onStep, new Input.Text(typed))).as(typed).contains(ConversationEngine.DIDNT_WORK);
      assertThat(text(onStep, typed).reply().text()).as(typed)
          .isEqualTo(engine.handle(onStep, new Input.Pick(ConversationEngine.DIDNT_WORK)).reply().text());
    }
  }

  @Test
  void answered() {
    ConversationState answered = text(null, "what happens after i cancel").state();
    assertThat(answered.phase()).isEqualTo(Phase.ANSWERED);
    assertThat(text(answered, "next").reply().text()).isEqualTo(NOTHING_IN_PROGRESS);
    // The first two choices ask "Did this help?" (once a conversation); the follow-ups come after.
    assertThat(answered.offered()).extracting(Choice::id).startsWith("vote:yes", "vote:no");
    assertThat(text(answered, "3").reply().intentId()).contains("backup");
    Turn voted = text(answered, "1");
    assertThat(voted.reply().text()).startsWith("Thanks for telling me");
    assertThat(voted.state().offered()).extracting(Choice::id).doesNotContain("vote:yes", "vote:no").contains("intent:backup");
    Turn second = text(voted.state(), "is there a penalty for cancelling");
    assertThat(second.reply().choices()).as("asked once a conversation").extracting(Choice::id).doesNotContain("vote:yes");
    assertThat(text(answered, "bye").reply().kind()).isEqualTo(Reply.Kind.SMALL_TALK);
  }

  @Test
  void staffCalledOnceThenLeftToStaff() {
    Turn called = text(onStep2(), "can i talk to a human");
    assertThat(called.reply().callStaff()).isTrue();
    assertThat(called.state().phase()).isEqualTo(Phase.STAFF_CALLED);
    assertThat(text(called.state(), "hello??").reply().kind()).isEqualTo(Reply.Kind.LEFT_TO_STAFF);
    assertThat(text(called.state(), "how do i cancel").reply().kind()).isEqualTo(Reply.Kind.LEFT_TO_STAFF);
    clock.advance(Duration.ofMinutes(12));
    Turn again = pick(called.state(), ConversationEngine.STAFF);
    assertThat(again.reply().callStaff()).isFalse();
    assertThat(again.reply().text()).startsWith("Staff were already called at 14:05 UTC (12 min ago)");
    Turn newTopic = engine.handle(called.state(), new Input.Command("backup", java.util.Map.of()));
    assertThat(newTopic.reply().intentId()).contains("backup");
    Turn stillOnce = text(newTopic.state(), "get me a moderator");
    assertThat(stillOnce.reply().callStaff()).as("a conversation calls staff at most once").isFalse();
  }

  @Test
  void noReplyOffersTheSameChoiceTwice() {
    Reply support = text(null, "the cancel button isn't there").reply();
    assertThat(support.choices()).extracting(Choice::label).containsOnlyOnce("Talk to staff");
  }
}
