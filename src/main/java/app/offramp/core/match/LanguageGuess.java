package app.offramp.core.match;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Tells an English message from one in Spanish, German, French, Portuguese or Italian, the
 * languages members of an English-speaking server most often fall back to. The bot answers in
 * English; knowing the language lets it say so.
 *
 * <p>Counts each language's function words (the words no topic changes: articles, pronouns,
 * question words, auxiliaries), with accents folded. A language wins with two more of its words
 * than English has, or one when the message is short; anything less stays English. Function words
 * shared by two of these languages ("de", "que", "la") count for both.
 */
public final class LanguageGuess {
  public static final String ENGLISH = "en";

  private static final Set<String> EN = Set.of("the", "a", "an", "is", "are", "do", "does", "how", "what", "my",
      "i", "you", "to", "it", "can", "cancel", "and", "of", "in", "on", "why", "where", "will", "with", "me",
      "this", "that", "for", "be", "have", "want", "get", "if",
      // English's other function words: some are also another language's ("was", "die", "so", "all"),
      // and an English message must not read as German for them.
      "was", "were", "when", "who", "did", "has", "had", "not", "so", "all", "there", "they", "their", "them",
      "your", "from", "by", "at", "or", "but", "as", "which", "about", "would", "could", "should", "here", "its",
      "our", "we", "us", "he", "she", "his", "her", "been", "am", "no", "any", "some", "just", "still", "into");

  private static final Map<String, Set<String>> FUNCTION_WORDS = Map.of(
      "es", Set.of("hola", "gracias", "buenas", "buenos", "vale", "adios", "quiero", "hablar", "como", "cancelo", "mi", "el", "la", "los", "las", "de", "del", "que", "por", "para", "puedo", "hago", "donde", "esta", "es", "una", "un", "suscripcion", "cuenta", "cancelar", "ayuda", "tengo", "se", "me", "lo", "y", "con", "porque", "necesito", "darme", "baja", "cobran"),
      "de", Set.of("hallo", "danke", "guten", "tschuss", "moin", "servus", "jemandem", "reden", "wie", "ich", "kann", "mein", "meine", "meinen", "das", "der", "die", "und", "ist", "nicht", "kundigen", "kundige", "abo", "abonnement", "mochte", "wo", "was", "warum", "hilfe", "bitte", "mit", "ein", "eine", "auf", "zu", "es", "habe", "mir", "mich", "beenden", "noch", "wird"),
      "fr", Set.of("bonjour", "merci", "salut", "bonsoir", "oui", "quelqu", "parler", "comment", "je", "mon", "ma", "mes", "le", "la", "les", "de", "du", "des", "est", "et", "pour", "resilier", "annuler", "abonnement", "veux", "voudrais", "peux", "ou", "pourquoi", "aide", "une", "un", "pas", "ne", "avec", "sur", "il", "faire", "compte", "mettre", "fin"),
      "pt", Set.of("oi", "obrigado", "obrigada", "valeu", "tchau", "tudo", "vou", "minhas", "fui", "falar", "como", "eu", "meu", "minha", "o", "os", "as", "de", "do", "da", "que", "para", "por", "cancelar", "cancelo", "assinatura", "quero", "posso", "onde", "ajuda", "nao", "uma", "um", "com", "ola", "conta", "faco", "preciso", "esta", "e"),
      "it", Set.of("ciao", "grazie", "buongiorno", "buonasera", "salve", "vorrei", "parlare", "come", "io", "mio", "mia", "il", "lo", "la", "gli", "le", "di", "del", "della", "che", "per", "disdire", "disdetta", "annullare", "abbonamento", "voglio", "posso", "dove", "perche", "aiuto", "una", "un", "non", "con", "faccio", "cancellare", "e", "sono", "mi"));

  /**
   * Each language's words: ours above (a few question words and the subscription's verbs) and
   * Lucene's stop words for it (a well-kept list of the words no topic changes), accents folded.
   */

  private static Map<String, Set<String>> withStopWords() {
    Map<String, org.apache.lucene.analysis.CharArraySet> lucene = Map.of(
        "es", org.apache.lucene.analysis.es.SpanishAnalyzer.getDefaultStopSet(),
        "de", org.apache.lucene.analysis.de.GermanAnalyzer.getDefaultStopSet(),
        "fr", org.apache.lucene.analysis.fr.FrenchAnalyzer.getDefaultStopSet(),
        "pt", org.apache.lucene.analysis.br.BrazilianAnalyzer.getDefaultStopSet(),
        "it", org.apache.lucene.analysis.it.ItalianAnalyzer.getDefaultStopSet());
    Map<String, Set<String>> out = new java.util.HashMap<>();
    FUNCTION_WORDS.forEach((lang, own) -> {
      Set<String> all = new java.util.HashSet<>(own);
      for (Object word : lucene.get(lang)) {
        String w = fold(new String((char[]) word));
        // One-letter words ("a", "e", "o") are shared by too many languages, English among them.
        if (w.length() > 1 && !EN.contains(w)) {
          all.add(w);
        }
      }
      out.put(lang, Set.copyOf(all));
    });
    return Map.copyOf(out);
  }

  private static String fold(String text) {
    return MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("").toLowerCase(Locale.ROOT);
  }

  // Compiled once: String.replaceAll and split compile these patterns on every message.
  private static final java.util.regex.Pattern MARKS = java.util.regex.Pattern.compile("\\p{M}");
  private static final java.util.regex.Pattern NOT_LETTERS = java.util.regex.Pattern.compile("[^\\p{L}]+");
  private static final java.util.regex.Pattern PORTUGUESE_SPELLING = java.util.regex.Pattern.compile("[ãõç]|nh|lh|ção");
  private static final java.util.regex.Pattern SPANISH_SPELLING = java.util.regex.Pattern.compile("[ñ¿¡]|ll|ción");
  /** Declared after the patterns it folds with (static fields start in order). */
  private static final Map<String, Set<String>> WORDS = withStopWords();

  private LanguageGuess() {}

  /** An ISO 639-1 code: "en", or one of "es", "de", "fr", "pt", "it". */
  public static String of(String text) {
    return guess(text).language();
  }

  /**
   * The language the text is clearly written in, or empty when it is too short or too mixed to
   * say ("next", "ok", "amazon music"): then a conversation keeps the language it is in. English is
   * clear with two more of its function words than any other language has (one in a short message).
   */
  public static java.util.Optional<String> clearly(String text) {
    Guess g = guess(text);
    if (g.tied()) {
      return java.util.Optional.empty(); // "con un" is Spanish and Italian: not clear which
    }
    if (!g.language().equals(ENGLISH)) {
      return java.util.Optional.of(g.language());
    }
    int lead = g.total() <= 4 ? 1 : 2;
    return g.english() >= 2 && g.english() - g.otherBest() >= lead ? java.util.Optional.of(ENGLISH)
        : java.util.Optional.empty();
  }

  private record Guess(String language, int english, int otherBest, int total, boolean tied) {}

  private static Guess guess(String text) {
    String folded = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFD)
        .transform(t -> MARKS.matcher(t).replaceAll("")).toLowerCase(Locale.ROOT);
    String[] words = NOT_LETTERS.split(folded);
    int english = 0;
    int total = 0;
    Map<String, int[]> counts = new java.util.HashMap<>();
    FUNCTION_WORDS.keySet().forEach(k -> counts.put(k, new int[1]));
    for (String w : words) {
      if (w.isEmpty()) {
        continue;
      }
      total++;
      if (EN.contains(w)) {
        english++;
      }
      WORDS.forEach((lang, set) -> {
        if (set.contains(w)) {
          counts.get(lang)[0]++;
        }
      });
    }
    String best = ENGLISH;
    int bestCount = 0;
    // Ties between two of these (Spanish and Portuguese share "como cancelar") keep the first: the
    // reply is English either way, what matters is that the message is not.
    boolean tied = false;
    java.util.Set<String> atBest = new java.util.HashSet<>();
    for (String lang : new String[] {"es", "de", "fr", "pt", "it"}) {
      int c = counts.get(lang)[0];
      if (c > bestCount) {
        best = lang;
        bestCount = c;
        tied = false;
        atBest.clear();
        atBest.add(lang);
      } else if (c == bestCount && c > 0) {
        tied = true;
        atBest.add(lang);
      }
    }
    // Spanish and Portuguese share most of their short words ("como cancelo"); their spelling does not.
    if (tied && atBest.equals(Set.of("es", "pt")) && text != null) {
      String lower = text.toLowerCase(Locale.ROOT);
      boolean pt = PORTUGUESE_SPELLING.matcher(lower).find();
      boolean es = SPANISH_SPELLING.matcher(lower).find();
      // No clue either way: Spanish, which a Portuguese reader follows better than English.
      best = pt && !es ? "pt" : "es";
      tied = false;
    }
    // One word ("o", "la") is too little to tell a language by.
    int lead = total <= 4 ? 1 : 2;
    boolean other = total >= 2 && bestCount - english >= lead;
    // One word alone ("hola", "danke", "ciao") that only one language has is enough to tell it by.
    boolean oneWord = total == 1 && bestCount == 1 && english == 0 && !tied;
    return new Guess(other || oneWord ? best : ENGLISH, english, bestCount, total, tied && (other || oneWord));
  }
}
