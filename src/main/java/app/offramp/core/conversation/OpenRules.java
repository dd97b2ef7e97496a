package app.offramp.core.conversation;

import app.offramp.core.conversation.ConversationState.Phase;
import app.offramp.core.intent.Controls;
import app.offramp.core.intent.Intent;
import app.offramp.core.intent.Text;
import app.offramp.core.match.IntentMatcher;
import app.offramp.core.match.MatchResult;
import java.util.List;
import java.util.Optional;

/**
 * Typed text with no walk-through in hand: nothing yet, the menu, an answer given, "did you mean".
 * In the order they are tried: small talk; a control word or "back to the step" ("nothing in
 * progress"); "I'll keep it"; then the question: another service (one line and the topics); a
 * topic, or the one just answered again ("that's the answer above", never the same long reply
 * twice); a message that leans on that answer ("so till the 15th then": it, in one line); "did you
 * mean"; not understood (the topics, or in another language a line saying so and staff).
 */
final class OpenRules {
  private final ReplyKit kit;
  private final IntentMatcher matcher;
  private final Cues cues;
  private final SmallTalk smallTalk;
  private final TypedChoice typed;

  OpenRules(ReplyKit kit, IntentMatcher matcher, Cues cues, SmallTalk smallTalk, TypedChoice typed) {
    this.kit = kit;
    this.matcher = matcher;
    this.cues = cues;
    this.smallTalk = smallTalk;
    this.typed = typed;
  }

  Turn onText(ConversationState state, String text, boolean staffCanSee, boolean english) {
    Optional<Controls.Courtesy> courtesy = smallTalk.classify(text);
    if (courtesy.isPresent()) {
      return new Turn(state, ReplyKit.smallTalkReply(SmallTalk.reply(kit.messages, courtesy.get(), Optional.empty(),
          kit.catalog.services().service()), List.of()));
    }
    if (typed.isNavWord(text) || cues.in(text, Controls.Cue.RESUME) && text.length() <= 40) {
      return new Turn(state, ReplyKit.smallTalkReply(kit.serviceText(Text.NOTHING_IN_PROGRESS), List.of()));
    }
    if (cues.in(text, Controls.Cue.KEEP)) {
      return kit.ended(state, Text.STEP_KEPT);
    }
    Turn turn = question(state, text, staffCanSee, english);
    return english || turn.reply().kind() == Reply.Kind.LEFT_TO_STAFF ? turn
        : ReplyKit.withNote(turn, kit.text(Text.ENGLISH_ONLY));
  }

  private Turn question(ConversationState state, String text, boolean staffCanSee, boolean english) {
    MatchResult result = matcher.match(text);
    Optional<Intent> last = answeredBefore(state);
    if (result instanceof MatchResult.OtherService other) {
      Turn turn = kit.menu(state, kit.text(Text.OTHER_SERVICE, "service", kit.catalog.services().service(), "other",
          other.service()), Reply.Kind.NO_MATCH, other.confidence());
      // Kept for the next message: "and amazon music, on my computer?" asks the same of ours.
      ConversationState s = turn.state();
      return new Turn(new ConversationState(s.phase(), other.nearest(), "", 0, s.offered(), s.resume(), s.staffCalledAt(),
          0, s.feedbackAsked()), turn.reply());
    }
    Optional<Intent> elided = askedOfAnother(state);
    if (elided.isPresent() && !(result instanceof MatchResult.Matched) && leansOn(result, elided.get())) {
      return kit.start(state, elided.get(), slots(elided.get(), text), result.confidence(), text, false);
    }
    boolean nothingElse = !(result instanceof MatchResult.Matched m0) || last.filter(i -> i.id().equals(m0.intentId()))
        .isPresent();
    if (last.isPresent() && nothingElse && kit.variant(last.get(), text).isPresent()) {
      // A reply to the answer just given that its variants answer ("I already called Amazon").
      return kit.start(state, last.get(), java.util.Map.of(), result.confidence(), text, false);
    }
    if (result instanceof MatchResult.Matched m) {
      Intent intent = kit.catalog.get(m.intentId());
      if (intent.callsStaff()) {
        return kit.callStaff(state, staffCanSee);
      }
      if (last.filter(i -> i.id().equals(intent.id())).isPresent()) {
        return kit.repeat(state, intent);
      }
      return kit.start(state, intent, m.slots(), m.confidence(), text, false);
    }
    if (last.isPresent() && leansOn(result, last.get())) {
      return kit.followUp(state, last.get(), result.confidence());
    }
    if (!english) {
      // An apology and an English menu help no one who asked in another language: say so, offer people.
      Reply reply = new Reply(kit.text(Text.UNCLEAR_OTHER_LANGUAGE), Optional.empty(), List.of(kit.staffChoice()),
          Optional.of("Question"), false, Optional.empty(), result.confidence(), Reply.Kind.QUESTION);
      return new Turn(ReplyKit.next(state, Phase.MENU, "", "", 0, reply.choices()), reply);
    }
    if (result instanceof MatchResult.Ambiguous a) {
      return kit.didYouMean(state, a.candidates().stream().map(MatchResult.Candidate::intentId).toList(), a.confidence());
    }
    return kit.menu(state, kit.text(Text.NOT_SURE), Reply.Kind.NO_MATCH, result.confidence());
  }

  /**
   * Whether an unsure result is that topic in the light of what came before: it was the nearest, with
   * half the evidence a new question needs, or one of the close candidates.
   */
  private boolean leansOn(MatchResult result, Intent topic) {
    double context = matcher.thresholds().accept() / 2;
    if (result instanceof MatchResult.NoMatch n) {
      return n.nearest().equals(topic.id()) && n.confidence() >= context;
    }
    return result instanceof MatchResult.Ambiguous a
        && a.candidates().stream().anyMatch(c -> c.intentId().equals(topic.id()));
  }

  /** The topic last asked of another service ("comment annuler audible ?"), while its one-line refusal is on screen. */
  private Optional<Intent> askedOfAnother(ConversationState state) {
    if (state == null || state.phase() != Phase.MENU || state.intentId().isEmpty()) {
      return Optional.empty();
    }
    return kit.catalog.find(state.intentId()).filter(i -> !i.callsStaff());
  }

  private java.util.Map<String, String> slots(Intent intent, String text) {
    return intent.slot().flatMap(slot -> matcher.readSlot(intent.id(), text).map(v -> java.util.Map.of(slot.name(), v)))
        .orElse(java.util.Map.of());
  }

  /** The topic answered last, when the conversation stands on its answer (not a walk-through's end). */
  private Optional<Intent> answeredBefore(ConversationState state) {
    if (state == null || state.phase() != Phase.ANSWERED || state.resume().isPresent()) {
      return Optional.empty();
    }
    return kit.catalog.find(state.intentId()).filter(i -> !i.hasSteps() && !i.callsStaff());
  }
}
