package app.offramp.core.conversation;

import app.offramp.core.conversation.ConversationState.Phase;
import app.offramp.core.conversation.ConversationState.Resume;
import app.offramp.core.intent.Intent;
import app.offramp.core.intent.IntentCatalog;
import java.util.List;
import java.util.Optional;

/**
 * Fits a conversation's stored state to the intents loaded now. A reload or a restart with Redis can
 * leave a member on a step an edit removed, on a platform renamed, or in a topic deleted
 * (regression, issue 23: "You're on step 4 of 3", then an error on every Next): the step is clamped
 * to the last there is, a walk-through whose platform is gone goes back to its question, one whose
 * topic is gone is dropped. {@link #changed} says whether anything was, so the reply can say so.
 */
final class StateFit {
  /** The state fitted, and whether it had to change. */
  record Fitted(ConversationState state, boolean changed) {}

  private final IntentCatalog catalog;

  StateFit(IntentCatalog catalog) {
    this.catalog = catalog;
  }

  Fitted fit(ConversationState state) {
    if (state == null) {
      return new Fitted(null, false);
    }
    boolean onScreen = state.phase() == Phase.STEPPING || state.phase() == Phase.AWAITING_SLOT;
    Optional<Resume> aside = state.resume();
    if (onScreen) {
      Optional<Resume> fitted = fit(new Resume(state.intentId(), state.slotValue(), state.step()));
      if (fitted.isEmpty()) {
        return new Fitted(fresh(state), true);
      }
      Resume r = fitted.get();
      boolean same = r.intentId().equals(state.intentId()) && r.slotValue().equals(state.slotValue())
          && r.step() == state.step();
      if (same) {
        return aside.isEmpty() ? new Fitted(state, false) : fitAside(state, aside.get());
      }
      Phase phase = r.slotValue().isEmpty() && catalog.get(r.intentId()).slot().isPresent() ? Phase.AWAITING_SLOT
          : Phase.STEPPING;
      return new Fitted(new ConversationState(phase, r.intentId(), r.slotValue(), r.step(), List.of(), state.resume(),
          state.staffCalledAt(), 0, state.feedbackAsked(), state.lastReply()), true);
    }
    return aside.map(r -> fitAside(state, r)).orElse(new Fitted(state, false));
  }

  private Fitted fitAside(ConversationState state, Resume aside) {
    Optional<Resume> fitted = fit(aside);
    if (fitted.isPresent() && fitted.get().equals(aside)) {
      return new Fitted(state, false);
    }
    return new Fitted(new ConversationState(state.phase(), state.intentId(), state.slotValue(), state.step(),
        state.offered(), fitted, state.staffCalledAt(), state.slotAsks(), state.feedbackAsked(), state.lastReply()), true);
  }

  /** A walk-through's place as the intents have it now; empty when its topic has no steps any more. */
  private Optional<Resume> fit(Resume at) {
    Optional<Intent> intent = catalog.find(at.intentId()).filter(Intent::hasSteps);
    if (intent.isEmpty()) {
      return Optional.empty();
    }
    if (intent.get().slot().isPresent()) {
      if (at.slotValue().isEmpty()) {
        return Optional.of(new Resume(at.intentId(), "", 0));
      }
      if (intent.get().slot().get().value(at.slotValue()).isEmpty()) {
        return Optional.of(new Resume(at.intentId(), "", 0)); // its platform is gone: ask again
      }
    }
    int steps = intent.get().stepsFor(at.slotValue()).size();
    return Optional.of(new Resume(at.intentId(), at.slotValue(), Math.max(0, Math.min(at.step(), steps - 1))));
  }

  private static ConversationState fresh(ConversationState state) {
    return new ConversationState(Phase.MENU, "", "", 0, List.of(), Optional.empty(), state.staffCalledAt(), 0,
        state.feedbackAsked(), state.lastReply());
  }
}
