package app.offramp.core.conversation;

import java.util.List;

/**
 * Where one member's conversation stands. Immutable: the engine returns a new one each turn.
 *
 * @param phase what the bot is waiting for
 * @param intentId the topic in hand (empty when none)
 * @param slotValue the chosen slot value, e.g. "mobile" (empty when none)
 * @param step the 0-based step shown last, when stepping
 * @param offered the choices the last reply offered, so typed numbers and labels resolve against them
 */
public record ConversationState(Phase phase, String intentId, String slotValue, int step, List<Choice> offered) {
  public enum Phase { MENU, AWAITING_SLOT, STEPPING, DID_YOU_MEAN, ANSWERED }

  public ConversationState {
    intentId = intentId == null ? "" : intentId;
    slotValue = slotValue == null ? "" : slotValue;
    offered = List.copyOf(offered);
  }
}
