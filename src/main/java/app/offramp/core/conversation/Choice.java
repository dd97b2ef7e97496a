package app.offramp.core.conversation;

/**
 * Something the member can pick. The id is what comes back in {@link Input.Pick}; ids are short
 * ("nav:next", "intent:backup", "slot:mobile") so a front can pack them with an owner into
 * Discord's 100-character custom ids.
 */
public record Choice(String id, String label, Style style) {
  public enum Style { PRIMARY, SECONDARY, SUCCESS, DANGER }

  public static Choice of(String id, String label) {
    return new Choice(id, label, Style.SECONDARY);
  }
}
