package app.offramp.core.match;

import app.offramp.core.intent.Intent;
import app.offramp.core.intent.IntentCatalog;
import app.offramp.core.intent.Slot;
import app.offramp.core.intent.SlotValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Scores a message against every example of every intent and keeps each intent's best.
 *
 * <p>The message is analysed (see {@link TextAnalyzer}), glued words are split ("customersupport"),
 * frame words dropped ("could you help me…"), slot words set aside ("iphone": they say how, not
 * what) and unknown words corrected within an edit or two ("cancle"). Each example is a TF-IDF
 * vector of stems. A message's score for an example weighs how much of the message the example
 * explains ({@link #QUERY_SHARE}) over how much of the example the message says; it is scaled down
 * when the shared weight is small ({@link #EVIDENCE}) and when the message shares none of the
 * intent's anchor words ({@link #UNANCHORED}). A word no example uses counts against every
 * example with the weight of the rarest known word, so "cancel my Netflix" stays far below "cancel
 * my Amazon Music": the unknown word is what makes it a different question.
 *
 * <p>Immutable after construction and safe to share between threads.
 */
public final class IntentMatcher implements AutoCloseable {
  /**
   * Plain cosine weighs message and example alike (0.5). Members add detail that examples lack,
   * so the message side counts more.
   */
  static final double QUERY_SHARE = 0.7;

  /**
   * Shared weight (summed IDF) a match needs before its score counts in full: one common word in
   * common ("cancel" in "can you cancel it") is too little to answer on, however short the message.
   */
  static final double EVIDENCE = 4.0;

  /**
   * A term anchors an intent when the intent holds at least this share of the examples using it,
   * and at least {@link #ANCHOR_MIN_COUNT} of them. Words every topic uses ("amazon", "get",
   * "play") anchor none, so they can't carry an unrelated question into a topic on their own.
   */
  static final double ANCHOR_SHARE = 0.5;
  static final int ANCHOR_MIN_COUNT = 2;

  /** What an intent's score is multiplied by when the message shares none of its anchors. */
  static final double UNANCHORED = 0.7;

  /** Words this long or longer that are unknown are tried as two known words run together. */
  private static final int MIN_GLUED = 6;

  /**
   * Words that frame a request ("could you help me see…", "I have got to…") but name no topic.
   * They are left out of scoring, unless a message (or an example) has nothing else: then they are
   * all there is, as in "what can you do" or "help". Apostrophes are folded before this list is
   * consulted, so "i'd" and "i'll" appear here as "id" and "ill".
   */
  static final Set<String> FRAME_WORDS = Set.of(
      "i", "im", "me", "my", "mine", "myself", "you", "your", "ya", "u", "we", "us", "our", "can", "could",
      "would", "should", "shall", "may", "might", "must", "do", "does", "did", "doing", "have", "has", "had",
      "having", "got", "gotta", "want", "wanna", "need", "needs", "know", "dont", "how", "what", "whats",
      "where", "when", "which", "who", "why", "am", "were", "been", "tell", "show", "see", "check", "find",
      "try", "trying", "able", "possible", "way", "let", "give", "some", "any", "here", "about", "from",
      "also", "go", "going", "hi", "hello", "hey", "help", "helping", "assist", "assistance", "wondering",
      "wonder", "id", "ive", "ill", "seeing", "checking", "tried", "understand", "damn", "goddamn",
      "fucking", "fuck", "freaking", "ur", "r", "pls", "hint", "ok", "sure", "maybe", "kind", "sort",
      "anyone", "anybody", "things", "thing", "something");

  private record SlotPhrase(String slot, String value, List<String> stems) {}

  private final TextAnalyzer analyzer = new TextAnalyzer();
  private final MatchThresholds thresholds;
  private final List<String> intentIds = new ArrayList<>();
  private final Map<String, double[]> postings = new HashMap<>();
  private final Map<String, Double> idf = new HashMap<>();
  private final int[] exampleIntent;
  private final double[] exampleNorm;
  private final double unknownWeight;
  private final Map<String, String> surfaceToStem = new HashMap<>();
  private final TypoCorrector corrector;
  private final Map<String, List<SlotPhrase>> slotPhrases = new HashMap<>();
  private final Set<String> slotStems = new HashSet<>();
  /** Term to the intent it points at: the one whose examples use it most, when that is clear. */
  private final Map<String, Integer> anchors = new HashMap<>();

  private static List<Token> content(List<Token> tokens) {
    List<Token> content = tokens.stream().filter(t -> !FRAME_WORDS.contains(t.surface())).toList();
    return content.isEmpty() ? tokens : content;
  }

  public IntentMatcher(IntentCatalog catalog, MatchThresholds thresholds) {
    this.thresholds = thresholds;
    List<Set<String>> exampleTerms = new ArrayList<>();
    List<Integer> owners = new ArrayList<>();
    Map<String, Integer> df = new HashMap<>();
    Map<String, Integer> surfaceDf = new HashMap<>();
    for (Intent intent : catalog.intents()) {
      int index = intentIds.size();
      intentIds.add(intent.id());
      for (String example : intent.examples()) {
        Set<String> terms = new HashSet<>();
        Set<String> surfaces = new HashSet<>();
        for (Token t : content(analyzer.tokens(example))) {
          terms.add(t.stem());
          surfaces.add(t.surface());
          surfaceToStem.putIfAbsent(t.surface(), t.stem());
        }
        terms.forEach(t -> df.merge(t, 1, Integer::sum));
        surfaces.forEach(s -> surfaceDf.merge(s, 1, Integer::sum));
        exampleTerms.add(terms);
        owners.add(index);
      }
      intent.slot().ifPresent(slot -> indexSlot(intent.id(), slot));
    }
    int n = exampleTerms.size();
    Map<String, int[]> perIntent = new HashMap<>();
    for (int e = 0; e < n; e++) {
      for (String term : exampleTerms.get(e)) {
        perIntent.computeIfAbsent(term, k -> new int[intentIds.size()])[owners.get(e)]++;
      }
    }
    perIntent.forEach((term, counts) -> {
      int top = 0;
      int total = 0;
      for (int i = 0; i < counts.length; i++) {
        total += counts[i];
        if (counts[i] > counts[top]) {
          top = i;
        }
      }
      if (counts[top] >= ANCHOR_MIN_COUNT && counts[top] >= ANCHOR_SHARE * total) {
        anchors.put(term, top);
      }
    });
    df.forEach((term, count) -> idf.put(term, Math.log(1.0 + (double) n / count)));
    unknownWeight = Math.log(1.0 + n);
    exampleIntent = owners.stream().mapToInt(Integer::intValue).toArray();
    exampleNorm = new double[n];
    for (int e = 0; e < n; e++) {
      double sum = 0;
      for (String term : exampleTerms.get(e)) {
        double w = idf.get(term);
        sum += w * w;
        postings.computeIfAbsent(term, k -> new double[n])[e] = w;
      }
      exampleNorm[e] = Math.sqrt(sum);
    }
    // A written form is as trustworthy a correction target as its stem is common: "talking" may
    // appear once, but "talk" in many examples.
    Map<String, Integer> stemDf = new HashMap<>();
    surfaceDf.keySet().forEach(surface -> stemDf.put(surface, df.getOrDefault(surfaceToStem.get(surface), 1)));
    corrector = new TypoCorrector(stemDf);
  }

  private void indexSlot(String intentId, Slot slot) {
    for (SlotValue value : slot.values()) {
      for (String synonym : value.synonyms()) {
        List<String> stems = analyzer.tokens(synonym).stream().map(Token::stem).toList();
        if (!stems.isEmpty()) {
          slotPhrases.computeIfAbsent(intentId, k -> new ArrayList<>())
              .add(new SlotPhrase(slot.name(), value.id(), stems));
          if (stems.size() == 1) {
            slotStems.add(stems.get(0));
          }
        }
      }
    }
  }

  public MatchResult match(String text) {
    List<Token> tokens = splitGluedWords(analyzer.tokens(text == null ? "" : text));
    List<String> stems = tokens.stream().map(Token::stem).toList();
    Map<String, Double> query = new LinkedHashMap<>();
    for (Token token : content(tokens)) {
      if (slotStems.contains(token.stem())) {
        continue;
      }
      String stem = token.stem();
      if (!idf.containsKey(stem)) {
        Optional<String> fixed = surfaceToStem.containsKey(token.surface())
            ? Optional.empty() : corrector.correct(token.surface()).map(surfaceToStem::get);
        stem = fixed.orElse(stem);
      }
      query.put(stem, idf.getOrDefault(stem, unknownWeight));
    }
    if (query.isEmpty()) {
      return new MatchResult.NoMatch(0);
    }
    double queryNorm = Math.sqrt(query.values().stream().mapToDouble(w -> w * w).sum());
    double[] dot = new double[exampleNorm.length];
    double[] evidence = new double[exampleNorm.length];
    query.forEach((term, w) -> {
      double[] column = postings.get(term);
      if (column != null) {
        for (int e = 0; e < column.length; e++) {
          dot[e] += w * column[e];
          if (column[e] > 0) {
            evidence[e] += w;
          }
        }
      }
    });
    boolean[] anchored = new boolean[intentIds.size()];
    for (String term : query.keySet()) {
      Integer owner = anchors.get(term);
      if (owner != null) {
        anchored[owner] = true;
      }
    }
    for (Token token : tokens) {
      if (slotStems.contains(token.stem())) {
        for (int i = 0; i < intentIds.size(); i++) {
          if (slotPhrases.containsKey(intentIds.get(i))) {
            anchored[i] = true;
          }
        }
      }
    }
    double[] best = new double[intentIds.size()];
    for (int e = 0; e < dot.length; e++) {
      if (dot[e] > 0) {
        double queryCovered = dot[e] / (queryNorm * queryNorm);
        double exampleCovered = dot[e] / (exampleNorm[e] * exampleNorm[e]);
        double cosine = Math.pow(queryCovered, QUERY_SHARE) * Math.pow(exampleCovered, 1 - QUERY_SHARE)
            * Math.sqrt(Math.min(1, evidence[e] / EVIDENCE));
        double score = anchored[exampleIntent[e]] ? cosine : cosine * UNANCHORED;
        best[exampleIntent[e]] = Math.max(best[exampleIntent[e]], score);
      }
    }
    Integer[] order = new Integer[best.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingDouble(i -> -best[i]));
    double top = clamp(best[order[0]]);
    double second = order.length > 1 ? clamp(best[order[1]]) : 0;
    if (top < thresholds.accept()) {
      return new MatchResult.NoMatch(top);
    }
    if (second >= thresholds.accept() && top - second < thresholds.ambiguityMargin()) {
      List<MatchResult.Candidate> candidates = new ArrayList<>();
      for (Integer i : order) {
        if (best[i] >= thresholds.accept() && top - best[i] < thresholds.ambiguityMargin() && candidates.size() < 3) {
          candidates.add(new MatchResult.Candidate(intentIds.get(i), clamp(best[i])));
        }
      }
      return new MatchResult.Ambiguous(candidates);
    }
    String intentId = intentIds.get(order[0]);
    return new MatchResult.Matched(intentId, top, slotValues(intentId, stems));
  }

  /**
   * "customersupport", "helpme", "earlyexit": an unknown word that is two known words run together
   * is read as those two words (frame words count as known, so "helpme" becomes "help me").
   */
  private List<Token> splitGluedWords(List<Token> tokens) {
    List<Token> out = new ArrayList<>(tokens.size());
    for (Token token : tokens) {
      String w = token.surface();
      boolean known = idf.containsKey(token.stem()) || known(w);
      List<Token> parts = known || w.length() < MIN_GLUED ? List.of() : split(w);
      out.addAll(parts.isEmpty() ? List.of(token) : parts);
    }
    return out;
  }

  /** The first split into two known words, analysed as the message would be; empty if none. */
  private List<Token> split(String word) {
    for (int i = 2; i <= word.length() - 2; i++) {
      String left = word.substring(0, i);
      String right = word.substring(i);
      if (known(left) && known(right)) {
        return analyzer.tokens(left + " " + right);
      }
    }
    return List.of();
  }

  private boolean known(String part) {
    return surfaceToStem.containsKey(part) || FRAME_WORDS.contains(part);
  }

  /** The slot values a message names for an intent, e.g. {platform=mobile} for "on my iphone". */
  public Map<String, String> slotValues(String intentId, String text) {
    return slotValues(intentId, analyzer.tokens(text == null ? "" : text).stream().map(Token::stem).toList());
  }

  private Map<String, String> slotValues(String intentId, List<String> stems) {
    Map<String, Set<String>> found = new HashMap<>();
    for (SlotPhrase phrase : slotPhrases.getOrDefault(intentId, List.of())) {
      if (java.util.Collections.indexOfSubList(stems, phrase.stems()) >= 0) {
        found.computeIfAbsent(phrase.slot(), k -> new HashSet<>()).add(phrase.value());
      }
    }
    Map<String, String> slots = new HashMap<>();
    // Naming two values ("phone or laptop?") settles nothing: the bot still asks.
    found.forEach((slot, values) -> {
      if (values.size() == 1) {
        slots.put(slot, values.iterator().next());
      }
    });
    return slots;
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }

  @Override
  public void close() {
    analyzer.close();
  }
}
