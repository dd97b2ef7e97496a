package app.offramp.core.eval;

/** A question and the intent it should match; {@link #NONE} for out of scope. */
public record LabelledQuestion(String text, String intent) {
  public static final String NONE = "none";
}
