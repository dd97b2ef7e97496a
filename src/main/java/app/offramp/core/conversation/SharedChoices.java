package app.offramp.core.conversation;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared copy of each distinct list of choices. Every conversation keeps the choices its last
 * reply offered, but those lists come from a small set (the menu, the step controls, a slot
 * question, "did you mean" pairs), so a conversation holds a reference to the shared copy instead
 * of its own list of records and strings: about 300 bytes less per conversation. The table is
 * bounded; past the bound it starts again (lists already handed out stay valid, they are values).
 */
final class SharedChoices {
  static final int MAX_DISTINCT = 10_000;
  private static final Map<List<Choice>, List<Choice>> SHARED = new ConcurrentHashMap<>();

  private SharedChoices() {}

  static List<Choice> of(List<Choice> choices) {
    if (choices.isEmpty()) {
      return List.of();
    }
    List<Choice> shared = SHARED.get(choices);
    if (shared != null) {
      return shared;
    }
    if (SHARED.size() >= MAX_DISTINCT) {
      SHARED.clear();
    }
    List<Choice> copy = List.copyOf(choices);
    List<Choice> raced = SHARED.putIfAbsent(copy, copy);
    return raced != null ? raced : copy;
  }
}
