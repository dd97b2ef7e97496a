package app.offramp.core.conversation;

import java.util.List;
import java.util.Optional;

/**
 * What the bot answers: markdown text, the step it is on, choices, a suggested thread title, and
 * whether staff should be called in. {@code intentId} and {@code confidence} say what was matched,
 * for debugging and for the Discord front's "answer only when confident" rule. {@code handoff}, on a
 * reply to a member who asked for a person, is what staff need to know of the conversation.
 */
public record Reply(
    String text,
    Optional<Progress> progress,
    List<Choice> choices,
    Optional<String> threadTitle,
    boolean callStaff,
    Optional<String> intentId,
    double confidence,
    Kind kind,
    Optional<Handoff> handoff) {

  /**
   * How the reply came about; a front may treat them differently (a support channel opens a thread
   * only for ANSWER and QUESTION). SMALL_TALK is a short human reply ("You're welcome!");
   * LEFT_TO_STAFF means the bot stays quiet: staff were called and the humans have the floor.
   */
  public enum Kind { ANSWER, QUESTION, DID_YOU_MEAN, NO_MATCH, EXPIRED, NOTICE, SMALL_TALK, LEFT_TO_STAFF }

  public record Progress(int step, int total) {}

  public Reply {
    choices = List.copyOf(choices);
    handoff = handoff == null ? Optional.empty() : handoff;
  }

  /** A reply that hands nothing to staff (all but the staff call: the service adds the hand-off). */
  public Reply(String text, Optional<Progress> progress, List<Choice> choices, Optional<String> threadTitle,
      boolean callStaff, Optional<String> intentId, double confidence, Kind kind) {
    this(text, progress, choices, threadTitle, callStaff, intentId, confidence, kind, Optional.empty());
  }

  /** This reply, carrying what staff need to know. */
  public Reply withHandoff(Handoff handoff) {
    return new Reply(text, progress, choices, threadTitle, callStaff, intentId, confidence, kind, Optional.of(handoff));
  }
}
