package app.offramp.core.eval;

import java.util.Objects;

/**
 * A question and the intent it should match; {@link #NONE} for out of scope. {@code lang} and
 * {@code cat} are the data's own tags (a language code, a category such as "slang_typo"), empty
 * when the line has none: they only group the figures, never the matching.
 */
public record LabelledQuestion(String text, String intent, String lang, String cat) {
  public static final String NONE = "none";

  public LabelledQuestion {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(intent, "intent");
    lang = lang == null ? "" : lang;
    cat = cat == null ? "" : cat;
  }

  public LabelledQuestion(String text, String intent) {
    this(text, intent, "", "");
  }

  public boolean inScope() {
    return !intent.equals(NONE);
  }
}
