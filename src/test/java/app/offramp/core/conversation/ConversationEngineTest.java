package app.offramp.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import app.offramp.core.conversation.ConversationState.Phase;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConversationEngineTest {
  /** The real engine; the tests of typing in other languages use one without translations (English only). */
  private ConversationEngine engine = Engines.real();
  private static final String ENGLISH_ONLY = Engines.real().catalog().messages().get(app.offramp.core.intent.Text.ENGLISH_ONLY);
  private ConversationState state;

  private Reply say(String text) {
    return apply(new Input.Text(text));
  }

  private Reply pick(String id) {
    return apply(new Input.Pick(id));
  }

  private Reply apply(Input input) {
    Turn turn = engine.handle(state, input);
    state = turn.state();
    return turn.reply();
  }

  @Test
  void cancelWithoutAPlatformAsksForIt() {
    Reply reply = say("how do I cancel amazon music");
    assertThat(reply.text()).endsWith("Are you on a computer or in the mobile app?")
        .contains("two different services").contains("be prepared");
    // Backing up is offered before the steps, as the source says (issue 22), after the numbers that stay put.
    assertThat(reply.choices()).extracting(Choice::id).containsExactly("slot:computer", "slot:mobile", "nav:staff",
        "intent:backup");
    assertThat(state.phase()).isEqualTo(Phase.AWAITING_SLOT);
  }

  @Test
  void aTypedPlatformAnswersTheSlotQuestionLikeAClick() {
    say("how do I cancel amazon music");
    Reply reply = say("my phone");
    assertThat(reply.text()).contains("Step 1 of 5").contains("Open the Amazon Music app");
    assertThat(state.slotValue()).isEqualTo("mobile");
    state = null;
    say("cancel amazon music");
    assertThat(say("laptop").text()).contains("Log in to your Amazon account");
  }

  @Test
  void aMessageNamingThePlatformSkipsTheQuestion() {
    Reply reply = say("how do I cancel amazon music on my iphone");
    assertThat(reply.text()).contains("Step 1 of 5").contains("Open the Amazon Music app");
    assertThat(reply.progress()).contains(new Reply.Progress(1, 5));
    assertThat(reply.threadTitle()).contains("Cancel Amazon Music");
  }

  @Test
  void nextBackAllAndDoneWalkTheSteps() {
    say("cancel amazon music in the browser");
    assertThat(pick("nav:next").text()).contains("Step 2 of 5").contains("Account & Lists");
    assertThat(say("next").text()).contains("Step 3 of 5");
    assertThat(say("back").text()).contains("Step 2 of 5");
    Reply all = say("all");
    assertThat(all.text()).contains("1. Log in").contains("5. Follow the on-screen prompts");
    Reply done = pick("nav:done");
    assertThat(done.text()).contains("you still have access to your music until the current billing period ends")
        .doesNotContain("Done!");
    assertThat(done.choices()).extracting(Choice::id)
        .containsExactly("vote:yes", "vote:no", "intent:unlimited_vs_prime", "intent:access_after", "nav:staff");
  }

  @Test
  void theLastStepOffersDoneAndNextSaysItWasTheLast() {
    say("cancel amazon music on android");
    Reply last = null;
    for (int i = 0; i < 4; i++) {
      last = say("next");
    }
    assertThat(last.text()).contains("Step 5 of 5");
    assertThat(last.choices()).extracting(Choice::id).contains("nav:done", "nav:back").doesNotContain("nav:stop");
    ConversationState before = state;
    assertThat(say("next").text()).startsWith("That was the last step.").contains("Step 5 of 5");
    assertThat(state.step()).isEqualTo(before.step());
  }

  @Test
  void typedNumbersAndLabelsPickChoices() {
    say("cancel amazon music");
    assertThat(say("2").text()).contains("Open the Amazon Music app");
    state = null;
    say("cancel amazon music");
    assertThat(say("on a computer").text()).contains("Log in to your Amazon account");
  }

  @Test
  void itDidntWorkLeadsToSupportAndTalkToStaffCallsStaff() {
    say("cancel amazon music on my phone");
    Reply support = pick("nav:didnt");
    assertThat(support.intentId()).contains("support");
    assertThat(support.text()).contains("customer support");
    Reply staff = pick("nav:staff");
    assertThat(staff.intentId()).contains("human");
    assertThat(staff.callStaff()).isTrue();
  }

  @Test
  void noMatchApologisesAndOffersTopicsAndStaff() {
    Reply reply = say("what's the weather in Paris");
    assertThat(reply.kind()).isEqualTo(Reply.Kind.NO_MATCH);
    assertThat(reply.text()).startsWith("Sorry");
    assertThat(reply.choices()).extracting(Choice::id).contains("intent:cancel", "intent:penalty", "nav:staff");
  }

  @Test
  void aClearQuestionInALanguageWithoutTranslationsIsAnsweredInEnglishAndSaysSo() {
    engine = Engines.englishOnly();
    Reply reply = say("quiero cancelar mi suscripción de amazon music en el móvil");
    assertThat(reply.intentId()).contains("cancel");
    assertThat(reply.text()).startsWith(ENGLISH_ONLY);
  }

  @Test
  void anUnclearQuestionInAnotherLanguageGetsTheEnglishLineAndStaffNeverTheMenu() {
    engine = Engines.englishOnly();
    Reply reply = say("hola, tengo una pregunta sobre mi cuenta de la escuela");
    assertThat(reply.text()).startsWith(ENGLISH_ONLY).doesNotContain("Sorry");
    assertThat(reply.choices()).extracting(Choice::id).containsExactly("nav:staff");
  }

  @Test
  void anEnglishAnswerHasNoLanguageLine() {
    assertThat(say("is there a penalty for cancelling early").text()).doesNotContain(ENGLISH_ONLY);
  }

  @Test
  void ambiguousMatchAsksDidYouMeanWithTheCandidates() {
    ConversationEngine lenient = new ConversationEngine(engine.catalog(), new app.offramp.core.match.IntentMatcher(
        engine.catalog(), new app.offramp.core.match.MatchThresholds(0.05, 0.99), app.offramp.adapter.embedding.MiniLmSentenceEncoder.shared()));
    Turn turn = lenient.handle(null, new Input.Text("cancel fee playlists"));
    assertThat(turn.reply().kind()).isEqualTo(Reply.Kind.DID_YOU_MEAN);
    assertThat(turn.reply().text()).startsWith("Did you mean");
    assertThat(turn.reply().choices()).filteredOn(c -> c.id().startsWith("intent:")).hasSizeGreaterThanOrEqualTo(2);
    String first = turn.reply().choices().get(0).id();
    Turn picked = lenient.handle(turn.state(), new Input.Pick(first));
    assertThat(picked.reply().intentId()).contains(first.substring("intent:".length()));
  }

  @Test
  void aNewQuestionMidFlowStartsTheNewTopic() {
    say("cancel amazon music on my phone");
    Reply reply = say("is there a penalty for cancelling early");
    assertThat(reply.intentId()).contains("penalty");
    assertThat(reply.text()).contains("no penalty");
  }

  @Test
  void aNewQuestionWhileAskedForThePlatformStartsTheNewTopic() {
    say("cancel amazon music");
    assertThat(say("what are some alternatives to amazon music").intentId()).contains("alternatives");
  }

  @Test
  void aPickWithoutAConversationSaysItExpired() {
    Turn turn = engine.handle(null, new Input.Pick("nav:next"));
    assertThat(turn.reply().text()).isEqualTo("This conversation has expired — ask again.");
    assertThat(turn.reply().kind()).isEqualTo(Reply.Kind.EXPIRED);
    assertThat(turn.state()).isNull();
  }

  @Test
  void aChoiceThatWasNeverOfferedChangesNothing() {
    say("cancel amazon music on my phone");
    ConversationState before = state;
    Reply reply = pick("nav:hack");
    assertThat(reply.text()).contains("isn't available");
    assertThat(state.withLastReply(0)).as("nothing but the memory of the last reply").isEqualTo(before.withLastReply(0));
  }

  @Test
  void aCommandFillsTheSlotFromItsOptions() {
    Reply reply = apply(new Input.Command("cancel", Map.of("platform", "mobile")));
    assertThat(reply.text()).contains("Open the Amazon Music app");
    assertThat(apply(new Input.Command("nope", Map.of())).text()).contains("I don't know that topic");
  }

  @Test
  void helpListsTheTopicsInTheOrderTheHelpIntentGives() {
    Reply reply = say("what can you do");
    assertThat(reply.intentId()).contains("help");
    assertThat(reply.choices().get(0).id()).isEqualTo("intent:cancel");
    assertThat(reply.choices()).extracting(Choice::id).doesNotContain("intent:help", "intent:human").endsWith("nav:staff");
  }

  /** Issue 21: the follow-ups of a walk-through in other languages and with typos. */
  @Test
  void aWalkThroughFollowsControlsTypedInOtherLanguagesAndWithTypos() {
    engine = Engines.englishOnly();
    say("quiero cancelar amazon music");
    assertThat(say("en el celular").text()).contains("Step 1 of 5").contains("Open the Amazon Music app");
    assertThat(say("siguiente").text()).contains("Step 2 of 5");
    assertThat(say("weiter").text()).contains("Step 3 of 5");
    assertThat(say("bakc").text()).contains("Step 2 of 5");
    assertThat(say("nexy").text()).contains("Step 3 of 5");
    assertThat(say("shwo all").text()).contains("(all steps)");
    assertThat(say("merci !").text()).startsWith("You're welcome!").contains("step 5 of 5");
  }

  @Test
  void platformAnswersInOtherLanguagesFillTheSlot() {
    engine = Engines.englishOnly();
    for (String[] answer : new String[][] {{"auf dem Handy", "Open the Amazon Music app"},
        {"sur mon téléphone", "Open the Amazon Music app"}, {"dal pc", "Log in to your Amazon account"},
        {"no computador", "Log in to your Amazon account"}}) {
      state = null;
      say("cancel amazon music");
      assertThat(say(answer[0]).text()).as(answer[0]).contains(answer[1]);
    }
  }

  @Test
  void yesOrNoTypedAnswersDidThisHelpWhenItIsAsked() {
    Reply answer = say("is there a penalty for cancelling early");
    assertThat(answer.choices()).extracting(Choice::id).contains(ConversationEngine.HELPED);
    assertThat(say("yes").text()).isEqualTo("Thanks for telling me — glad it helped.");
    assertThat(state.feedbackAsked()).isTrue();
    // Asked once: "yes" is small talk from then on.
    assertThat(say("yes").kind()).isEqualTo(Reply.Kind.SMALL_TALK);
    state = null;
    say("will my playlists be gone if i cancel");
    assertThat(say("nein").text()).startsWith("Thanks for telling me. If you'd like a person");
  }

  @Test
  void anotherServicesQuestionSaysWhoseQuestionsTheBotAnswers() {
    engine = Engines.englishOnly();
    Reply first = say("wie kündige ich netflix");
    assertThat(first.kind()).isEqualTo(Reply.Kind.NO_MATCH);
    assertThat(first.text()).contains("I can only help with Amazon Music, not Netflix.");
    assertThat(first.choices()).extracting(Choice::id).contains("intent:cancel", "nav:staff");
    state = null;
    say("cancel amazon music on my laptop");
    say("next");
    Reply aside = say("spotify charged me twice this month");
    assertThat(aside.kind()).isEqualTo(Reply.Kind.NO_MATCH);
    assertThat(aside.text()).startsWith("I can only help with Amazon Music, not Spotify.").contains("Account & Lists");
    assertThat(state.step()).isEqualTo(1);
  }

  /**
   * Regression (issue 23): after a reload or a restart with Redis, a state past the last step threw in
   * the progress bar ("count is negative") on every Next, and said "You're on step 4 of 3".
   */
  @Test
  void aStoredStateTheIntentsNoLongerFitIsClampedOrRestartedNeverAnError() {
    ConversationState pastTheEnd = new ConversationState(ConversationState.Phase.STEPPING, "cancel", "mobile", 7,
        java.util.List.of());
    for (Input input : java.util.List.of(new Input.Text("next"), new Input.Pick("nav:next"), new Input.Text("thanks"),
        new Input.Pick("nav:all"))) {
      Turn turn = engine.handle(pastTheEnd, input);
      assertThat(turn.reply().text()).as(input.toString()).doesNotContain("something went wrong", "step 8", "of 5 of")
          .startsWith("_The steps have changed since we last spoke");
    }
    assertThat(engine.handle(pastTheEnd, new Input.Pick("nav:next")).reply().text()).contains("That was the last step");
    ConversationState renamed = new ConversationState(ConversationState.Phase.STEPPING, "cancel", "tablet", 2,
        java.util.List.of());
    assertThat(engine.handle(renamed, new Input.Text("next")).reply().text())
        .contains("computer or in the mobile app").doesNotContain("something went wrong");
    ConversationState gone = new ConversationState(ConversationState.Phase.STEPPING, "ghost_topic", "x", 1,
        java.util.List.of());
    Turn fresh = engine.handle(gone, new Input.Text("is there a penalty for cancelling"));
    assertThat(fresh.reply().text()).contains("no penalty");
    ConversationState asideTooFar = new ConversationState(ConversationState.Phase.ANSWERED, "backup", "", 0,
        java.util.List.of(new Choice("nav:resume", "Back to step 9", Choice.Style.PRIMARY)),
        java.util.Optional.of(new ConversationState.Resume("cancel", "computer", 8)), 0, 0, false);
    assertThat(engine.handle(asideTooFar, new Input.Pick("nav:resume")).reply().text()).contains("Step 5 of 5");
  }
}
