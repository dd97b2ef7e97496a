package app.offramp.core.conversation;

import app.offramp.core.conversation.ConversationState.Resume;
import app.offramp.core.intent.Intent;
import app.offramp.core.intent.IntentCatalog;
import app.offramp.core.intent.Text;
import java.util.Map;
import java.util.Optional;

/**
 * Buttons (and what typed text picks as a button would), and slash commands naming a topic. A pick
 * must be one the last reply offered, but for Talk to staff (always reachable, never twice) and the
 * walk-through's own controls while one is in hand. Votes keep the walk-through put aside; a topic
 * picked beside a walk-through is answered with the way back; a platform picked on a step switches
 * the steps.
 */
final class PickRules {
  private final ReplyKit kit;
  private final WalkThroughRules walkThrough;

  PickRules(ReplyKit kit, WalkThroughRules walkThrough) {
    this.kit = kit;
    this.walkThrough = walkThrough;
  }

  Turn onPick(ConversationState state, String choiceId, boolean staffCanSee) {
    if (state == null) {
      return new Turn(null, expired());
    }
    Optional<Resume> place = ConversationEngine.place(state);
    boolean offered = state.offered().stream().anyMatch(c -> c.id().equals(choiceId))
        || choiceId.equals(ConversationEngine.STAFF)
        || ConversationEngine.isNav(choiceId) && place.isPresent();
    if (!offered) {
      return new Turn(state, ReplyKit.notice(kit.text(Text.OPTION_GONE), state.offered()));
    }
    if (choiceId.startsWith(ConversationEngine.TOPIC)) {
      return kit.catalog.find(choiceId.substring(ConversationEngine.TOPIC.length()))
          .map(intent -> startPicked(state, intent, Map.of(), staffCanSee))
          .orElseGet(() -> kit.menu(state, kit.text(Text.TOPIC_GONE), Reply.Kind.NOTICE, 0));
    }
    if (choiceId.equals(ConversationEngine.STAFF)) {
      return kit.callStaff(state, staffCanSee);
    }
    if (choiceId.equals(ConversationEngine.DIDNT_WORK)) {
      return place.map(at -> walkThrough.didntWork(state, at, ""))
          .orElseGet(() -> kit.catalog.find(IntentCatalog.SUPPORT_ID)
              .map(s -> kit.start(state, s, Map.of(), 1.0, "", false))
              .orElseGet(() -> kit.menu(state, kit.text(Text.TOPIC_GONE), Reply.Kind.NOTICE, 0)));
    }
    if (choiceId.equals(ConversationEngine.HELPED) || choiceId.equals(ConversationEngine.DID_NOT_HELP)) {
      return kit.feedback(state, choiceId.equals(ConversationEngine.HELPED));
    }
    if (choiceId.startsWith(ConversationEngine.SLOT)) {
      String value = choiceId.substring(ConversationEngine.SLOT.length());
      Optional<Intent> intent = kit.catalog.find(place.map(Resume::intentId).orElse(state.intentId()));
      if (intent.isPresent() && intent.get().slot().flatMap(s -> s.value(value)).isPresent()) {
        return kit.step(state, intent.get(), value, 0);
      }
      return kit.menu(state, kit.text(Text.TOPIC_GONE), Reply.Kind.NOTICE, 0);
    }
    if (place.isEmpty()) {
      return new Turn(state, ReplyKit.smallTalkReply(kit.serviceText(Text.NOTHING_IN_PROGRESS), state.offered()));
    }
    return nav(state, choiceId, place.get());
  }

  /** Next, Back, Show all, Done, Stop here and Back to step k, acting on the walk-through in hand. */
  private Turn nav(ConversationState state, String choiceId, Resume at) {
    Optional<Intent> walked = kit.catalog.find(at.intentId());
    if (walked.isEmpty()) {
      return kit.menu(state, kit.text(Text.TOPIC_GONE), Reply.Kind.NOTICE, 0);
    }
    Intent intent = walked.get();
    if (intent.slot().isPresent() && at.slotValue().isEmpty()) {
      // The walk-through put aside was still at its slot question.
      return walkThrough.resume(state, intent, at);
    }
    int last = intent.stepsFor(at.slotValue()).size() - 1;
    return switch (choiceId) {
      case ConversationEngine.NEXT -> at.step() >= last
          ? kit.stayOnStep(state, at, kit.text(Text.STEP_LAST), Reply.Kind.ANSWER)
          : kit.step(state, intent, at.slotValue(), at.step() + 1);
      case ConversationEngine.BACK -> at.step() <= 0
          ? kit.stayOnStep(state, at, kit.text(Text.STEP_FIRST), Reply.Kind.ANSWER)
          : kit.step(state, intent, at.slotValue(), at.step() - 1);
      case ConversationEngine.RESUME -> walkThrough.resume(state, intent, at);
      case ConversationEngine.ALL -> kit.allSteps(state, intent, at.slotValue());
      // "done" typed on a middle step means this step is done (the Done button is on the last one only).
      case ConversationEngine.DONE -> at.step() >= last ? kit.done(state, intent)
          : kit.step(state, intent, at.slotValue(), at.step() + 1);
      case ConversationEngine.STOP -> kit.stopped(state, intent, at, last + 1);
      default -> new Turn(state, ReplyKit.notice(kit.text(Text.OPTION_GONE), state.offered()));
    };
  }

  Turn onCommand(ConversationState state, Input.Command command, boolean staffCanSee) {
    Optional<Intent> intent = kit.catalog.find(command.intentId());
    if (intent.isEmpty()) {
      return kit.menu(state, kit.text(Text.UNKNOWN_TOPIC), Reply.Kind.NOTICE, 0);
    }
    return startPicked(state, intent.get(), command.options(), staffCanSee);
  }

  /** A topic picked by button or command: the one in hand stays where it is, another starts beside it. */
  private Turn startPicked(ConversationState state, Intent intent, Map<String, String> options, boolean staffCanSee) {
    if (intent.callsStaff()) {
      return kit.callStaff(state, staffCanSee);
    }
    Optional<Resume> place = ConversationEngine.place(state);
    if (place.isPresent() && place.get().intentId().equals(intent.id())) {
      if (options.isEmpty()) {
        int total = intent.stepsFor(place.get().slotValue()).size();
        return kit.stayOnStep(state, place.get(), kit.text(Text.STEP_ALREADY_ON, "step", place.get().step() + 1,
            "total", total), Reply.Kind.ANSWER);
      }
    }
    boolean aside = place.isPresent() && !intent.hasSteps();
    Turn turn = kit.start(state, intent, options, 1.0, "", aside);
    return aside ? kit.withResume(turn, place.get()) : turn;
  }

  Reply expired() {
    return new Reply(kit.text(Text.EXPIRED), Optional.empty(), java.util.List.of(), Optional.empty(), false,
        Optional.empty(), 0, Reply.Kind.EXPIRED);
  }
}
