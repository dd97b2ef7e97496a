package app.offramp.core.port.in;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * {@code /offramp review}: staff go through the largest groups of questions the bot missed, one at
 * a time, and say which topic each belongs to, that it is not a support question, or skip it. The
 * texts are composed by the core from the messages file; the front gives {@code quote}, which makes
 * a member's text safe to show in it (escaped, shortened). Slow calls (a database, a refit): never
 * on a front's event thread.
 */
public interface Review {
  /** A choice on the menu: the value sent back to {@link #choose}, and its label. */
  record Option(String value, String label) {}

  /**
   * What staff see: text, and, when a group is shown, the menu and the token that names the
   * group in {@link #choose}.
   */
  record View(String text, List<Option> options, Optional<String> token) {
    public View {
      options = List.copyOf(options);
    }
  }

  /** The value of "not a support question" and of "skip" on the menu (the others are intent ids). */
  String NONE = "none";
  String SKIP = "skip";

  Review NONE_AVAILABLE = new Review() {
    @Override
    public View next(String language, UnaryOperator<String> quote) {
      return new View("", List.of(), Optional.empty());
    }

    @Override
    public View choose(String token, String choice, String staffId, String language, UnaryOperator<String> quote) {
      return next(language, quote);
    }
  };

  /** The largest group not yet reviewed, or why there is none. */
  View next(String language, UnaryOperator<String> quote);

  /** Staff {@code staffId} chose {@code choice} for the group {@code token}: what came of it, then the next group. */
  View choose(String token, String choice, String staffId, String language, UnaryOperator<String> quote);
}
