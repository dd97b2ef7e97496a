package app.offramp.core.conversation;

import app.offramp.core.intent.Controls;
import app.offramp.core.intent.Messages;
import app.offramp.core.intent.Text;
import app.offramp.core.match.MessageCleaner;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Messages that are courtesy, not questions: "thanks!", "ok", "cool", "bye", "hi", "nvm figured it
 * out", "muchas gracias", "danke". A message is small talk when every word of it is one of the
 * courtesies or filler words of {@code controls.yaml}, with at least one courtesy, so "ok so how do
 * I cancel" is still a question. They get a short human reply and never the topic menu.
 */
final class SmallTalk {
  /** Compiled once (String.split compiles it on every message). */
  private static final java.util.regex.Pattern NOT_WORD = java.util.regex.Pattern.compile("[^\\p{L}\\p{N}]+");

  /** Each word's kind; kinds of a lower rank win: "ok thanks bye" is thanks. */
  private final Map<String, Controls.Courtesy> heads = new HashMap<>();
  private final Set<String> filler = new HashSet<>();

  /** The courtesies of {@code controls.yaml}, in every language it lists. */
  SmallTalk(Controls controls) {
    controls.smallTalk().forEach((kind, words) -> words.forEach(w -> heads.put(Controls.fold(w), kind)));
    controls.filler().forEach(w -> filler.add(Controls.fold(w)));
  }

  Optional<Controls.Courtesy> classify(String text) {
    String cleaned = Controls.fold(MessageCleaner.clean(text));
    String[] words = NOT_WORD.split(cleaned);
    Controls.Courtesy best = null;
    int count = 0;
    for (String w : words) {
      if (w.isEmpty()) {
        continue;
      }
      count++;
      Controls.Courtesy kind = heads.get(w);
      if (kind != null) {
        if (best == null || kind.ordinal() < best.ordinal()) {
          best = kind;
        }
      } else if (!filler.contains(w)) {
        return Optional.empty();
      }
    }
    // "help" alone, or filler alone ("so", "the"), is not small talk: it needs a head word.
    return count == 0 || count > 8 || best == null ? Optional.empty() : Optional.of(best);
  }

  /** The reply: short, human, and it points back to the walk-through when one is under way. */
  static String reply(Messages messages, Controls.Courtesy kind, Optional<String> place, String service) {
    String where = place.map(p -> " " + p).orElse("");
    return switch (kind) {
      case GREETING -> place.isPresent() ? messages.get(Text.SMALL_TALK_GREETING_IN_PLACE) + where
          : messages.get(Text.SMALL_TALK_GREETING, "service", service);
      case THANKS -> messages.get(Text.SMALL_TALK_THANKS) + where;
      case BYE -> messages.get(Text.SMALL_TALK_BYE) + where;
      case NEVER_MIND -> messages.get(Text.SMALL_TALK_NEVER_MIND) + where;
      case ACKNOWLEDGE -> place.isPresent() ? messages.get(Text.SMALL_TALK_ACKNOWLEDGE) + where
          : messages.get(Text.SMALL_TALK_ACKNOWLEDGE_IDLE);
    };
  }
}
