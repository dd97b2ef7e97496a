package app.offramp.core.conversation;

import app.offramp.core.intent.Controls;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Typed text that picks one of the choices in hand, as a press would: a control ("next", "weiter",
 * "nexy"), a number ("2"), a choice's label ("it didnt work"), or yes / no while "Did this help?" is
 * asked. A message of parts ("ok im logged in. next", "done, thx") picks with its last part that is a
 * control, unless it asks something ("next, and is there a fee?"). A number that is no choice is
 * told apart, so the reply can name the ones there are.
 */
final class TypedChoice {
  /** What typed text picks. */
  sealed interface Picked {
    record Choice(String id) implements Picked {}

    /** A number that is not one of the {@code count} choices offered. */
    record NoSuchNumber(int number, int count) implements Picked {}
  }

  private static final Pattern ONE_OR_TWO_DIGITS = Pattern.compile("\\d{1,2}");
  private static final Pattern PARTS = Pattern.compile("[,.;!\\n]+|\\s+-\\s+");
  /** A control stands alone or beside a few words ("ok", "thx"); a long message is a question. */
  private static final int MAX_PARTS_WORDS = 12;

  private final TypedControls controls;
  /** Words that may stand around a control without changing it ("wait go back", "siguiente porfa"). */
  private final java.util.Set<String> soft = new java.util.HashSet<>();

  TypedChoice(TypedControls controls, Controls words) {
    this.controls = controls;
    words.filler().forEach(w -> soft.add(Controls.fold(w)));
    words.smallTalk().values().forEach(list -> list.forEach(w -> soft.add(Controls.fold(w))));
  }

  Optional<Picked> read(ConversationState state, String text) {
    String t = normalize(text);
    Optional<String> control = control(state, text);
    if (control.isPresent()) {
      return control.map(Picked.Choice::new);
    }
    if (ONE_OR_TWO_DIGITS.matcher(t).matches()) {
      int number = Integer.parseInt(t);
      List<app.offramp.core.conversation.Choice> offered = state.offered();
      if (number >= 1 && number <= offered.size()) {
        return Optional.of(new Picked.Choice(offered.get(number - 1).id()));
      }
      return offered.isEmpty() ? Optional.empty() : Optional.of(new Picked.NoSuchNumber(number, offered.size()));
    }
    // Labels compared as typed text is: "it didnt work" and "It didn't work." both name "It didn't work".
    return state.offered().stream().filter(c -> normalize(c.label()).equals(t)).findFirst()
        .map(c -> new Picked.Choice(c.id()));
  }

  /** A control of the message, whole or its last part, that acts in this state. */
  private Optional<String> control(ConversationState state, String text) {
    Optional<String> whole = controls.read(text).or(() -> controls.read(withoutSoftWords(text))).flatMap(c -> acting(state, c));
    if (whole.isPresent() || text.indexOf('?') >= 0 || text.strip().split("\\s+").length > MAX_PARTS_WORDS) {
      return whole;
    }
    String[] parts = PARTS.split(text.strip());
    for (int i = parts.length - 1; i >= 0 && parts.length > 1; i--) {
      String piece = parts[i];
      Optional<String> part = controls.read(piece).or(() -> controls.read(withoutSoftWords(piece)))
          .flatMap(c -> acting(state, c));
      if (part.isPresent()) {
        return part;
      }
    }
    return Optional.empty();
  }

  /** The text without the courtesy and filler words at its ends: "wait go back" is "go back". */
  private String withoutSoftWords(String text) {
    String[] words = Controls.fold(text).split(" ");
    int from = 0;
    int to = words.length;
    while (from < to && soft.contains(words[from])) {
      from++;
    }
    while (to > from && soft.contains(words[to - 1])) {
      to--;
    }
    return String.join(" ", java.util.Arrays.asList(words).subList(from, to));
  }

  /** The choice a control stands for here: nav while something is in progress, a vote while asked. */
  private static Optional<String> acting(ConversationState state, Controls.Typed control) {
    String nav = navChoice(control);
    if (nav != null && (state.inProgress() || state.offered().stream().anyMatch(c -> c.id().equals(nav)))) {
      return Optional.of(nav);
    }
    if (control == Controls.Typed.AFFIRM || control == Controls.Typed.DENY) {
      String vote = control == Controls.Typed.AFFIRM ? ConversationEngine.HELPED : ConversationEngine.DID_NOT_HELP;
      if (state.offered().stream().anyMatch(c -> c.id().equals(vote))) {
        return Optional.of(vote);
      }
    }
    return Optional.empty();
  }

  /** Whether the text is a walk-through control, whatever the state (to say there is nothing to go on with). */
  boolean isNavWord(String text) {
    return controls.read(text).map(TypedChoice::navChoice).isPresent();
  }

  /** The choice a typed control stands for; null for yes / no, which only answer a question. */
  static String navChoice(Controls.Typed control) {
    return switch (control) {
      case NEXT -> ConversationEngine.NEXT;
      case BACK -> ConversationEngine.BACK;
      case DONE -> ConversationEngine.DONE;
      case STOP -> ConversationEngine.STOP;
      case ALL -> ConversationEngine.ALL;
      case AFFIRM, DENY -> null;
    };
  }

  static String normalize(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT).replace("'", "").replace("\u2019", "");
    int end = t.length();
    while (end > 0 && ".!?".indexOf(t.charAt(end - 1)) >= 0) {
      end--; // a loop, not a regex: linear whatever the input
    }
    return t.substring(0, end).strip();
  }
}
