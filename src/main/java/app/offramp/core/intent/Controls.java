package app.offramp.core.intent;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What members type, alone, to move through a walk-through (next, back, done, stop, show all), to
 * answer yes or no, and the courtesies that need only a short reply (thanks, bye, hi, ok), in every
 * language members write; read from {@code controls.yaml} beside the intents.
 *
 * @param typed the phrases of each control and answer
 * @param smallTalk the single words of each kind of courtesy
 * @param filler words that may stand beside a courtesy without making it a question ("thanks
 *     <i>so much</i>", "muchas gracias")
 */
public record Controls(Map<Typed, List<String>> typed, Map<Courtesy, List<String>> smallTalk, List<String> filler,
    Map<Cue, List<String>> cues, Map<String, List<String>> languages) {
  /** A control or an answer typed alone; the file's keys are these names in lower case. */
  public enum Typed { NEXT, BACK, DONE, STOP, ALL, AFFIRM, DENY }

  /**
   * Phrases looked for inside a message while a walk-through is in hand: back to the step put aside,
   * start again, stop, keep the subscription, the step did not work, and the words that deny the
   * platform named after them (weak ones only when another platform is named too); and ask, the
   * words that open a question or a request ("how", "can", "i need"): a message the bot did not
   * understand in a support channel counts as a miss only when it asks (or mentions the bot), not
   * when members talk among themselves; and show_all, asking inside a sentence for every step at
   * once ("can you just show me all the steps"). Ask and show_all are optional in the file.
   */
  public enum Cue { RESUME, RESTART, END, KEEP, TROUBLE, NEGATION, NEGATION_WEAK, ASK, SHOW_ALL }

  /** Kinds of courtesy, in order of precedence: "ok thanks bye" is thanks. */
  public enum Courtesy { NEVER_MIND, THANKS, BYE, GREETING, ACKNOWLEDGE }

  /** The longest phrase: what a member types alone to move on, not a sentence. */
  public static final int MAX_PHRASE = 40;

  public static final Controls NONE = new Controls(Map.of(), Map.of(), List.of(), Map.of(), Map.of());

  public Controls {
    Map<Typed, List<String>> t = new EnumMap<>(Typed.class);
    typed.forEach((k, v) -> t.put(k, List.copyOf(v)));
    typed = java.util.Collections.unmodifiableMap(t);
    Map<Courtesy, List<String>> s = new EnumMap<>(Courtesy.class);
    smallTalk.forEach((k, v) -> s.put(k, List.copyOf(v)));
    smallTalk = java.util.Collections.unmodifiableMap(s);
    filler = List.copyOf(filler);
    Map<Cue, List<String>> c = new EnumMap<>(Cue.class);
    cues.forEach((k, v) -> c.put(k, List.copyOf(v)));
    cues = java.util.Collections.unmodifiableMap(c);
    Map<String, List<String>> l = new java.util.TreeMap<>();
    (languages == null ? Map.<String, List<String>>of() : languages).forEach((k, v) -> l.put(k, List.copyOf(v)));
    languages = java.util.Collections.unmodifiableMap(l);
  }

  public Controls(Map<Typed, List<String>> typed, Map<Courtesy, List<String>> smallTalk, List<String> filler,
      Map<Cue, List<String>> cues) {
    this(typed, smallTalk, filler, cues, Map.of());
  }

  public Controls(Map<Typed, List<String>> typed, Map<Courtesy, List<String>> smallTalk, List<String> filler) {
    this(typed, smallTalk, filler, Map.of(), Map.of());
  }

  /** The names of a language, in any language ("spanish", "español", "espagnol"), by its code. */
  public List<String> namesOf(String language) {
    return languages.getOrDefault(language, List.of());
  }

  public List<String> of(Cue cue) {
    return cues.getOrDefault(cue, List.of());
  }

  private static final java.util.regex.Pattern MARKS = java.util.regex.Pattern.compile("\\p{M}");
  private static final java.util.regex.Pattern NOT_WORD = java.util.regex.Pattern.compile("[^\\p{L}\\p{N}]+");

  /**
   * How typed text is compared with the file: lower case, accents and apostrophes dropped, every
   * run of other characters (punctuation, spaces) one space, none at either end.
   */
  public static String fold(String text) {
    String t = MARKS.matcher(java.text.Normalizer.normalize(splitElisions(text), java.text.Normalizer.Form.NFD))
        .replaceAll("").toLowerCase(java.util.Locale.ROOT).replace("'", "").replace("\u2019", "");
    return NOT_WORD.matcher(t).replaceAll(" ").strip();
  }

  /**
   * French and Italian elisions ("l'app", "dall'app", "j'ai", "qu'il") are two words: the apostrophe
   * becomes a space. English contractions keep theirs ("don't", "it's", "you're"): their first part is
   * never one of these.
   */
  public static String splitElisions(String text) {
    return ELISION.matcher(text).replaceAll("$1 ");
  }

  private static final java.util.regex.Pattern ELISION = java.util.regex.Pattern.compile(
      "(?iu)\\b(l|d|j|m|n|s|t|c|qu|dall|dell|nell|sull|all|quell|un|gl)['\u2019](?=\\p{L})");

  public List<String> of(Typed control) {
    return typed.getOrDefault(control, List.of());
  }

  public List<String> of(Courtesy kind) {
    return smallTalk.getOrDefault(kind, List.of());
  }
}
