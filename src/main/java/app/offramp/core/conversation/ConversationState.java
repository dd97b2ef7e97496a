package app.offramp.core.conversation;

import java.util.List;
import java.util.Optional;

/**
 * Where one member's conversation stands. Immutable: the engine returns a new one each turn.
 *
 * @param phase what the bot is waiting for
 * @param intentId the topic in hand (empty when none)
 * @param slotValue the chosen slot value, e.g. "mobile" (empty when none)
 * @param step the 0-based step shown last, when stepping
 * @param offered the choices the last reply offered, so typed numbers and labels resolve against them
 * @param resume a walk-through put aside by a side question, to go back to
 * @param staffCalledAt when this conversation called staff (epoch milliseconds), 0 if never: staff
 *     are called once per conversation
 * @param slotAsks how many times the slot question has been asked without an answer
 * @param feedbackAsked whether "Did this help?" was asked in this conversation
 * @param lastReply a hash of the last reply's text, so the same reply is never sent twice in a row
 * @param startedAt when the conversation started (epoch milliseconds), 0 when unknown; kept by the
 *     service across turns (the engine need not carry it), for staff's hand-off card
 * @param troubleStep the 1-based step "It didn't work" was last pressed on, 0 if never; kept as
 *     {@code startedAt} is
 * @param language the language the conversation is held in ("es"), empty until one is chosen; set
 *     by the engine each turn (the rules need not carry it)
 */
public record ConversationState(Phase phase, String intentId, String slotValue, int step, List<Choice> offered,
    Optional<Resume> resume, long staffCalledAt, int slotAsks, boolean feedbackAsked, int lastReply, long startedAt,
    int troubleStep, String language) {
  public enum Phase { MENU, AWAITING_SLOT, STEPPING, DID_YOU_MEAN, ANSWERED, STAFF_CALLED }

  /** A walk-through's place: topic, slot value and 0-based step. */
  public record Resume(String intentId, String slotValue, int step) {}

  public ConversationState {
    intentId = intentId == null ? "" : intentId;
    slotValue = slotValue == null ? "" : slotValue;
    offered = SharedChoices.of(offered);
    resume = resume == null ? Optional.empty() : resume;
    language = language == null ? "" : language;
  }

  public ConversationState(Phase phase, String intentId, String slotValue, int step, List<Choice> offered,
      Optional<Resume> resume, long staffCalledAt, int slotAsks, boolean feedbackAsked, int lastReply, long startedAt,
      int troubleStep) {
    this(phase, intentId, slotValue, step, offered, resume, staffCalledAt, slotAsks, feedbackAsked, lastReply, startedAt,
        troubleStep, "");
  }

  public ConversationState(Phase phase, String intentId, String slotValue, int step, List<Choice> offered,
      Optional<Resume> resume, long staffCalledAt, int slotAsks, boolean feedbackAsked, int lastReply) {
    this(phase, intentId, slotValue, step, offered, resume, staffCalledAt, slotAsks, feedbackAsked, lastReply, 0, 0);
  }

  public ConversationState(Phase phase, String intentId, String slotValue, int step, List<Choice> offered) {
    this(phase, intentId, slotValue, step, offered, Optional.empty(), 0, 0, false, 0);
  }

  public ConversationState(Phase phase, String intentId, String slotValue, int step, List<Choice> offered,
      Optional<Resume> resume, long staffCalledAt, int slotAsks, boolean feedbackAsked) {
    this(phase, intentId, slotValue, step, offered, resume, staffCalledAt, slotAsks, feedbackAsked, 0);
  }

  public ConversationState(Phase phase, String intentId, String slotValue, int step, List<Choice> offered,
      Optional<Resume> resume, long staffCalledAt, int slotAsks) {
    this(phase, intentId, slotValue, step, offered, resume, staffCalledAt, slotAsks, false, 0);
  }

  /** This state, with "Did this help?" marked as asked. */
  public ConversationState withFeedbackAsked() {
    return new ConversationState(phase, intentId, slotValue, step, offered, resume, staffCalledAt, slotAsks, true,
        lastReply, startedAt, troubleStep, language);
  }

  /** This state, remembering (a hash of) the reply that left it. */
  public ConversationState withLastReply(int hash) {
    return new ConversationState(phase, intentId, slotValue, step, offered, resume, staffCalledAt, slotAsks,
        feedbackAsked, hash, startedAt, troubleStep, language);
  }

  /** This state, held in {@code language}. */
  public ConversationState withLanguage(String language) {
    return new ConversationState(phase, intentId, slotValue, step, offered, resume, staffCalledAt, slotAsks,
        feedbackAsked, lastReply, startedAt, troubleStep, language);
  }

  /** This state with the conversation's start and trouble step (the service keeps them across turns). */
  public ConversationState withHistory(long startedAt, int troubleStep) {
    return new ConversationState(phase, intentId, slotValue, step, offered, resume, staffCalledAt, slotAsks,
        feedbackAsked, lastReply, startedAt, troubleStep, language);
  }

  /**
   * This state with staff no longer holding the floor (nobody answered in time): the bot answers
   * again, from the walk-through put aside if there was one; the staff call is kept, so it is not
   * made twice.
   */
  public ConversationState released() {
    if (phase != Phase.STAFF_CALLED) {
      return this;
    }
    return new ConversationState(Phase.MENU, "", "", 0, List.of(), resume, staffCalledAt, 0, feedbackAsked, 0,
        startedAt, troubleStep, language);
  }

  /** True while a walk-through or a slot question is under way, here or put aside. */
  public boolean inProgress() {
    return phase == Phase.STEPPING || phase == Phase.AWAITING_SLOT || resume.isPresent();
  }
}
