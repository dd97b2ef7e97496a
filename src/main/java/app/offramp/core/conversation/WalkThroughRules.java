package app.offramp.core.conversation;

import app.offramp.core.conversation.ConversationState.Phase;
import app.offramp.core.conversation.ConversationState.Resume;
import app.offramp.core.intent.Controls;
import app.offramp.core.intent.Intent;
import app.offramp.core.intent.IntentCatalog;
import app.offramp.core.intent.Text;
import app.offramp.core.match.IntentMatcher;
import app.offramp.core.match.MatchResult;
import java.util.Map;
import java.util.Optional;

/**
 * Typed text while a walk-through is in hand: on a step, at its slot question, or put aside by a side
 * question or Stop here. The walk-through survives everything but a message that ends it or starts
 * another walk-through; the rows of the table at the top of {@link ConversationEngine}, in the order
 * they are tried:
 * <ol>
 *   <li>back to the step ("where was i"), start again, never mind / I'll keep it (the cues of
 *       {@code controls.yaml});
 *   <li>small talk: a short reply, the same buttons;
 *   <li>at the slot question: a value answers it (a denied one does not: "no computer, just my
 *       phone");
 *   <li>another topic: its answer, with "Back to step k"; another service: one line, the step;
 *   <li>another value of the slot ("wait, I'm on my phone", "In the mobile app", "cancel it on my
 *       phone"): the steps for it, from step 1;
 *   <li>trouble on the step ("there's no cancel button"), or the support topic: as It didn't work;
 *   <li>the topic in hand again: the step, said so; anything else: "Still on step k of n".
 * </ol>
 */
final class WalkThroughRules {
  private final ReplyKit kit;
  private final IntentMatcher matcher;
  private final Cues cues;
  private final SmallTalk smallTalk;

  WalkThroughRules(ReplyKit kit, IntentMatcher matcher, Cues cues, SmallTalk smallTalk) {
    this.kit = kit;
    this.matcher = matcher;
    this.cues = cues;
    this.smallTalk = smallTalk;
  }

  Turn onText(ConversationState state, String text, Resume at, boolean staffCanSee, boolean english) {
    Optional<Intent> found = kit.catalog.find(at.intentId());
    if (found.isEmpty()) {
      return kit.menu(state, kit.text(Text.TOPIC_GONE), Reply.Kind.NOTICE, 0);
    }
    Intent walked = found.get();
    if (cues.in(text, Controls.Cue.RESUME)) {
      return resume(state, walked, namedStep(text, walked, at));
    }
    if (cues.in(text, Controls.Cue.KEEP)) {
      return kit.ended(state, Text.STEP_KEPT);
    }
    if (cues.in(text, Controls.Cue.END)) {
      return kit.ended(state, Text.STEP_ENDED);
    }
    if (cues.in(text, Controls.Cue.RESTART)) {
      return restart(state, walked, text);
    }
    boolean platformKnown = walked.slot().isEmpty() || !at.slotValue().isEmpty();
    if (platformKnown && cues.in(text, Controls.Cue.SHOW_ALL)) {
      return kit.allSteps(stepping(state, at), walked, at.slotValue());
    }
    Optional<Controls.Courtesy> courtesy = smallTalk.classify(text);
    if (courtesy.isPresent()) {
      return new Turn(state, ReplyKit.smallTalkReply(SmallTalk.reply(kit.messages, courtesy.get(), kit.placeLine(at),
          kit.catalog.services().service()), state.offered()));
    }
    Optional<Intent> aside = sideAnswer(state);
    if (aside.isPresent() && kit.variant(aside.get(), text).isPresent()) {
      // A reply to the side answer on screen ("I already wrote to Amazon" after the support answer).
      Turn turn = kit.withResume(kit.start(state, aside.get(), Map.of(), 1.0, text, true), at);
      return english ? turn : ReplyKit.withNote(turn, kit.text(Text.ENGLISH_ONLY));
    }
    boolean atQuestion = walked.slot().isPresent() && at.slotValue().isEmpty();
    Optional<String> value = walked.slot().isPresent() ? matcher.readSlot(walked.id(), text) : Optional.empty();
    if (atQuestion && value.isPresent()) {
      return kit.slotAnswered(state, walked, value.get());
    }
    Turn turn = onQuestion(state, text, at, walked, value, staffCanSee, atQuestion);
    return english ? turn : ReplyKit.withNote(turn, kit.text(Text.ENGLISH_ONLY));
  }

  private Turn onQuestion(ConversationState state, String text, Resume at, Intent walked, Optional<String> value,
      boolean staffCanSee, boolean atQuestion) {
    MatchResult result = matcher.match(text);
    if (result instanceof MatchResult.OtherService other) {
      String line = kit.text(Text.OTHER_SERVICE, "service", kit.catalog.services().service(), "other", other.service());
      return ReplyKit.ofKind(kit.stayOnStep(state, at, line, Reply.Kind.NOTICE), Reply.Kind.NO_MATCH, other.confidence());
    }
    boolean sameTopic = result instanceof MatchResult.Matched m && m.intentId().equals(walked.id());
    if (result instanceof MatchResult.Matched m && !sameTopic && !m.intentId().equals(IntentCatalog.SUPPORT_ID)) {
      Intent other = kit.catalog.get(m.intentId());
      if (other.callsStaff()) {
        return kit.callStaff(state, staffCanSee);
      }
      Turn answer = kit.start(state, other, m.slots(), m.confidence(), text, !other.hasSteps());
      return other.hasSteps() ? answer : kit.withResume(answer, at);
    }
    if (!atQuestion && value.isPresent() && walked.slot().get().value(value.get()).isPresent()) {
      String label = walked.slot().get().value(value.get()).get().label();
      if (!value.get().equals(at.slotValue())) {
        return ReplyKit.withNote(kit.step(stepping(state, at), walked, value.get(), 0),
            kit.text(Text.STEP_SWITCHED, "value", label));
      }
      return kit.stayOnStep(state, at, kit.text(Text.STEP_SAME_VALUE, "value", label), Reply.Kind.ANSWER);
    }
    boolean trouble = cues.in(text, Controls.Cue.TROUBLE)
        || result instanceof MatchResult.Matched m && m.intentId().equals(IntentCatalog.SUPPORT_ID);
    if (trouble && !atQuestion) {
      return didntWork(state, at, text);
    }
    if (atQuestion) {
      return sameTopic || result instanceof MatchResult.NoMatch || result instanceof MatchResult.Ambiguous
          ? kit.askSlotAgain(state, walked)
          : didntWork(state, at, text);
    }
    if (sameTopic) {
      int total = walked.stepsFor(at.slotValue()).size();
      return kit.stayOnStep(state, at, kit.text(Text.STEP_ALREADY_ON, "step", at.step() + 1, "total", total),
          Reply.Kind.ANSWER);
    }
    return kit.stayOnStep(state, at, "", Reply.Kind.NOTICE);
  }

  /** "It didn't work" at step k: the support answer (its variant for what the member said), and the way back. */
  Turn didntWork(ConversationState state, Resume at, String typed) {
    return kit.catalog.find(IntentCatalog.SUPPORT_ID).map(support -> {
      Turn turn = kit.start(state, support, Map.of(), 1.0, typed, true);
      Resume place = at;
      Optional<Intent> walked = kit.catalog.find(at.intentId());
      if (walked.isPresent() && !at.slotValue().isEmpty() || walked.isPresent() && walked.get().slot().isEmpty()) {
        int total = walked.get().stepsFor(at.slotValue()).size();
        turn = ReplyKit.withNote(turn, kit.text(Text.STEP_TROUBLE, "step", at.step() + 1, "total", total));
      }
      return kit.withResume(turn, place);
    }).orElseGet(() -> kit.stayOnStep(state, at, kit.text(Text.STEP_TROUBLE, "step", at.step() + 1, "total", 0),
        Reply.Kind.NOTICE));
  }

  /** "back to step 2", "volvamos al paso 3": that step, when it is one; else the step in hand. */
  private static Resume namedStep(String text, Intent walked, Resume at) {
    if (walked.slot().isPresent() && at.slotValue().isEmpty()) {
      return at; // still at the platform question: there are no steps to name yet
    }
    java.util.regex.Matcher number = STEP_NUMBER.matcher(text);
    int total = walked.stepsFor(at.slotValue()).size();
    if (number.find()) {
      int step = Integer.parseInt(number.group(1));
      if (step >= 1 && step <= total) {
        return new Resume(at.intentId(), at.slotValue(), step - 1);
      }
    }
    return at;
  }

  private static final java.util.regex.Pattern STEP_NUMBER = java.util.regex.Pattern.compile("\\b(\\d{1,2})\\b");

  /** Back to the walk-through put aside, at its step (or its question). */
  Turn resume(ConversationState state, Intent walked, Resume at) {
    if (walked.slot().isPresent() && at.slotValue().isEmpty()) {
      return kit.askSlot(state, walked, kit.text(Text.BACK_TO_IT) + " ", Reply.Kind.QUESTION, 1.0, true);
    }
    return kit.step(stepping(state, at), walked, at.slotValue(), at.step());
  }

  /** From the beginning: the slot question again, or step 1 of the value named with it ("start over on my phone"). */
  private Turn restart(ConversationState state, Intent walked, String text) {
    Optional<String> value = walked.slot().isPresent() ? matcher.readSlot(walked.id(), text)
        .filter(v -> walked.slot().get().value(v).isPresent()) : Optional.empty();
    String line = kit.text(Text.STEP_RESTART);
    if (walked.slot().isPresent() && value.isEmpty()) {
      return kit.askSlot(state, walked, line + " ", Reply.Kind.QUESTION, 1.0, true);
    }
    return ReplyKit.withNote(kit.step(state, walked, value.orElse(""), 0), line);
  }

  /** The side answer on screen while the walk-through waits, if any. */
  private Optional<Intent> sideAnswer(ConversationState state) {
    return state.phase() == Phase.ANSWERED && state.resume().isPresent()
        ? kit.catalog.find(state.intentId()) : Optional.empty();
  }

  /** The state as if the walk-through were on screen, so its intro is not shown again. */
  private static ConversationState stepping(ConversationState state, Resume at) {
    if (state.phase() == Phase.STEPPING) {
      return state;
    }
    return new ConversationState(Phase.STEPPING, at.intentId(), at.slotValue(), at.step(), state.offered(),
        Optional.empty(), state.staffCalledAt(), 0, state.feedbackAsked());
  }
}
