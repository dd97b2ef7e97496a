package app.offramp.core.intent;

import java.util.List;

/** The intents could not be loaded; carries every problem found, not only the first. */
public final class IntentLoadException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient List<Problem> problems;

  public IntentLoadException(List<Problem> problems) {
    super(problems.size() + " problem(s) in the intent files, first: " + problems.get(0));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
