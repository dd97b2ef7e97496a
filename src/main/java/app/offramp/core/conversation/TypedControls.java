package app.offramp.core.conversation;

import app.offramp.core.intent.Controls;
import app.offramp.core.match.OneEdit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a message typed alone as a control ("next", "weiter", "bakc") or a yes / no, with
 * {@link Controls}: the whole message, folded as {@link Controls#fold} folds, is one of its phrases,
 * or one typo away from a phrase of {@value #FUZZY_MIN} characters or more when no phrase of
 * another control is as close. Immutable.
 */
final class TypedControls {
  static final int FUZZY_MIN = 4;

  private final Map<String, Controls.Typed> exact = new HashMap<>();
  private final List<Map.Entry<String, Controls.Typed>> fuzzy;

  TypedControls(Controls controls) {
    controls.typed().forEach((control, phrases) -> phrases.forEach(p -> exact.putIfAbsent(Controls.fold(p), control)));
    fuzzy = exact.entrySet().stream().filter(e -> e.getKey().length() >= FUZZY_MIN).map(e -> Map.entry(e.getKey(), e.getValue())).toList();
  }

  Optional<Controls.Typed> read(String text) {
    // A control is a word or three; a sentence that happens to be near one is a question.
    if (text.length() > 2 * Controls.MAX_PHRASE) {
      return Optional.empty();
    }
    String t = Controls.fold(text);
    Controls.Typed hit = exact.get(t);
    if (hit != null || t.length() < FUZZY_MIN - 1) {
      return Optional.ofNullable(hit);
    }
    Controls.Typed found = null;
    for (Map.Entry<String, Controls.Typed> e : fuzzy) {
      if (OneEdit.within(t, e.getKey())) {
        if (found != null && found != e.getValue()) {
          return Optional.empty(); // "stpe": as near to one control as to another, so neither
        }
        found = e.getValue();
      }
    }
    return Optional.ofNullable(found);
  }
}
