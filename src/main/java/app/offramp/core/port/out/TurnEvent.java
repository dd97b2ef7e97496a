package app.offramp.core.port.out;

import app.offramp.core.conversation.ConversationKey;
import app.offramp.core.conversation.Input;
import app.offramp.core.conversation.Reply;
import java.time.Instant;
import java.util.Optional;

/**
 * One turn as it happened, for whoever watches (metrics, insights).
 *
 * @param at when the turn ran
 * @param key whose conversation, where
 * @param input what the member sent
 * @param reply what the bot answered (its kind, intent, confidence, progress)
 * @param outcome the turn's outcome for counting
 * @param walkThrough the walk-through milestone this turn reached, if any
 * @param stepBefore the 0-based step the member was on before the turn, when in a walk-through
 * @param slot the walk-through's slot value (the platform), empty when none
 * @param walkThroughIntent the topic a milestone is about: the walk-through's intent when the turn
 *     was in one or started one (the reply's intent can differ: "it didn't work" answers with the
 *     support topic), or the answer a "Did this help?" vote is about; else empty
 */
public record TurnEvent(Instant at, ConversationKey key, Input input, Reply reply, Outcome outcome,
    Optional<Milestone> walkThrough, Optional<Integer> stepBefore, String slot, String walkThroughIntent) {

  /** What came of a message or click, as an admin counts it. */
  public enum Outcome {
    /** An answer or the first question of a topic (which platform?). */
    ANSWERED,
    /** "Did you mean…": two topics were close. */
    AMBIGUOUS,
    /** Not understood, and asked of the bot: a miss. */
    UNANSWERED,
    /**
     * Not understood in a place where members also talk among themselves (a support channel, a
     * thread not theirs), without asking or mentioning the bot: not a miss.
     */
    CHATTER,
    SMALL_TALK,
    /** A button, "next", a slot value: moving through something already under way. */
    CONTINUED,
    /** Expired, a notice, or left to the staff already called. */
    OTHER
  }

  /** A walk-through's milestones, and the member's answer to "Did this help?". */
  public enum Milestone { STARTED, FINISHED, STOPPED, DIDNT_WORK, HELPFUL, NOT_HELPFUL }
}
