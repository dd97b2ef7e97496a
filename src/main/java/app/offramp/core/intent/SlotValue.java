package app.offramp.core.intent;

import java.util.List;

/** One value of a slot, the words that name it in a message, and its own steps. */
public record SlotValue(String id, String label, List<String> synonyms, List<String> steps) {
  public SlotValue {
    synonyms = List.copyOf(synonyms);
    steps = List.copyOf(steps);
  }
}
