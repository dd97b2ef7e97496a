package app.offramp.core.intent;

import java.util.List;
import java.util.Optional;

/** Something the bot must know before it can answer, such as the platform a member cancels on. */
public record Slot(String name, String question, String description, List<SlotValue> values) {
  public Slot {
    values = List.copyOf(values);
    description = description == null || description.isBlank() ? question : description;
  }

  public Optional<SlotValue> value(String id) {
    return values.stream().filter(v -> v.id().equals(id)).findFirst();
  }
}
