package app.offramp.core.intent;

import java.util.List;
import java.util.Optional;

/**
 * Another way an intent answers a member whose message says something its plain answer would get
 * wrong: one who already contacted Amazon is not told to contact Amazon, one who asks about a free
 * trial is told the source does not cover trials before the general steps. The first variant whose
 * {@code when} phrases the message contains (case, accents and punctuation folded, whole words),
 * and none of whose {@code unless} phrases it does, applies.
 *
 * @param note a line shown before the intent's own reply (its steps or answer)
 * @param answer an answer shown instead of the intent's own reply (no steps)
 */
public record Variant(List<String> when, List<String> unless, Optional<String> note, Optional<String> answer) {
  public Variant {
    when = List.copyOf(when);
    unless = unless == null ? List.of() : List.copyOf(unless);
    note = note == null ? Optional.empty() : note.map(String::strip);
    answer = answer == null ? Optional.empty() : answer.map(String::strip);
  }
}
