package app.offramp.core.intent;

import java.util.List;
import java.util.Optional;

/**
 * Something the bot must know before it can answer, such as the platform a member cancels on.
 *
 * @param both the value whose steps a message naming two values gets ("the app on my computer"),
 *     with {@code bothNote} saying so; empty: naming two values settles nothing and the bot asks
 * @param elsewhere words for places with no steps of their own ("alexa", "fire tv"), answered with
 *     {@code elsewhereReply} and the values to choose from
 */
public record Slot(String name, String question, String description, List<SlotValue> values, Optional<String> both,
    String bothNote, List<String> elsewhere, String elsewhereReply) {
  public Slot {
    values = List.copyOf(values);
    description = description == null || description.isBlank() ? question : description;
    both = both == null ? Optional.empty() : both;
    bothNote = bothNote == null ? "" : bothNote.strip();
    elsewhere = elsewhere == null ? List.of() : List.copyOf(elsewhere);
    elsewhereReply = elsewhereReply == null ? "" : elsewhereReply.strip();
  }

  public Slot(String name, String question, String description, List<SlotValue> values) {
    this(name, question, description, values, Optional.empty(), "", List.of(), "");
  }

  public Optional<SlotValue> value(String id) {
    return values.stream().filter(v -> v.id().equals(id)).findFirst();
  }
}
