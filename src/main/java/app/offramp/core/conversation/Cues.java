package app.offramp.core.conversation;

import app.offramp.core.intent.Controls;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The cues of {@code controls.yaml} found inside a message (whole words, folded): back to the step,
 * start again, never mind, I'll keep it, the step did not work. Immutable.
 */
final class Cues {
  private final Map<Controls.Cue, List<String>> phrases = new EnumMap<>(Controls.Cue.class);

  Cues(Controls controls) {
    for (Controls.Cue cue : Controls.Cue.values()) {
      phrases.put(cue, controls.of(cue).stream().map(Controls::fold).filter(p -> !p.isEmpty()).toList());
    }
  }

  /** True when {@code text} begins with one of the cue's phrases (whole words). */
  boolean opens(String text, Controls.Cue cue) {
    String words = Controls.fold(text) + " ";
    return phrases.get(cue).stream().anyMatch(p -> words.startsWith(p + " "));
  }

  boolean in(String text, Controls.Cue cue) {
    String words = " " + Controls.fold(text) + " ";
    return phrases.get(cue).stream().anyMatch(p -> words.contains(" " + p + " "));
  }
}
