package app.offramp.core.match;

import app.offramp.core.intent.Intent;
import app.offramp.core.intent.IntentCatalog;
import app.offramp.core.intent.Slot;
import app.offramp.core.intent.SlotValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Picks the intent a member's message asks for, or none.
 *
 * <p>The scoring model, in one place:
 * <ol>
 *   <li>The message is cleaned ({@link MessageCleaner}: emoji, mentions, URLs, code and markdown set
 *       aside).
 *   <li><b>Meaning:</b> a sentence encoder maps it to a vector; its cosine similarity to every
 *       example, the intents' and the out-of-scope ones ({@code none.yaml}), gives per label the
 *       closest example ({@code top}), the share of the {@value #NEIGHBOURS} nearest examples'
 *       similarity that the label holds ({@code knn}), how far the label's closest example beats
 *       every other label's ({@code gap}), and how close the nearest out-of-scope example is.
 *   <li><b>Words:</b> Lucene analysis (folding, stop words, stems; typos corrected, glued words
 *       split, slot words such as "iphone" set aside) and TF-IDF over the examples give per intent
 *       the best cosine with one of its examples, the share of the message's weight its examples
 *       use, the lead of that cosine over every other label's, and for the message the share of
 *       words only out-of-scope examples use ("netflix", "order") and of words no example uses.
 *   <li>A logistic regression ({@link ScoreModel}) turns each intent's features into the
 *       probability that it is the answer. It is fitted when the intents load, on the examples
 *       themselves, each scored leave-one-out (as if it were a new message, its own vector and
 *       words left out), every intent a candidate: the right one a positive, the others and every
 *       out-of-scope example negatives. Nothing in it is tuned by hand or on benchmark data.
 *   <li>The best intent is answered when its probability reaches
 *       {@link MatchThresholds#accept()}; when the runner-up also does and is within
 *       {@link MatchThresholds#ambiguityMargin()}, the bot asks which was meant.
 *   <li>A message about another service's account ({@link ServiceMentions}: it names another
 *       service, not this one, and no word of moving to it) is not ours, whatever it matched; the
 *       intent that answers moving to another service ({@code switching.intent}) stays answered.
 * </ol>
 *
 * <p>Immutable after construction and safe to share between threads.
 */
public final class IntentMatcher implements AutoCloseable {
  /** Nearest examples that vote, as in a plain k-nearest-neighbour classifier. */
  static final int NEIGHBOURS = 5;

  static final List<String> EMBEDDING_FEATURES = List.of("knn", "top", "gap", "none_top");
  static final List<String> WORD_FEATURES = List.of("words_cosine", "words_coverage", "words_lead", "foreign_words",
      "unknown_words");

  /** {@link #readSlot}: the message named two values and the slot says which to take ("app on my computer"). */
  public static final String SLOT_BOTH = "*both";
  /** {@link #readSlot}: the message named a place with no steps of its own ("alexa", "fire tv"). */
  public static final String SLOT_ELSEWHERE = "*elsewhere";

  private record SlotPhrase(String slot, String value, List<String> stems) {}

  private final Map<String, Slot> slots = new HashMap<>();
  private final Map<String, SlotNegation> negations = new HashMap<>();

  private final TextAnalyzer analyzer = new TextAnalyzer();
  private final MatchThresholds thresholds;
  private final MatcherMode mode;
  private final SentenceEncoder encoder;
  private final List<String> labels = new ArrayList<>(); // intents, then "none" last
  private final int intents;
  private final List<String> examples = new ArrayList<>();
  private final int[] exampleLabel;
  /**
   * The examples' unit vectors by dimension: {@code byDimension[j][e]} is component j of example e
   * (see {@link #similarities} for why this way round).
   */
  private final float[][] byDimension;
  private final LexicalIndex words;
  private final ScoreModel model;
  private final List<String> featureNames;
  private final Map<String, List<SlotPhrase>> slotPhrases = new HashMap<>();
  private final ServiceMentions services;
  private final Optional<String> switchingIntent;
  /**
   * Out-of-scope examples about another listed service ("spotify charged me twice this month"). They
   * speak only to messages that name another service: such a message is refused by name anyway, and to
   * one that names none ("i got charged twice this month") they would say, wrongly, that it reads
   * like something not ours.
   */
  private final boolean[] aboutAnother;
  /**
   * Per intent that calls staff, the words its one-word examples stand on ("human", "mods", "staff
   * please"): a message of one word calls staff only when it is one of them. One word is too
   * little evidence to ping people with: "hand", "online", "ids" read like "i'd like a hand".
   */
  private final Map<String, Set<List<String>>> staffWords = new HashMap<>();
  /** Per intent with {@code requires_words}: their stems, one of which a message must use to be answered with it. */
  private final Map<String, Set<String>> required = new HashMap<>();

  public IntentMatcher(IntentCatalog catalog, MatchThresholds thresholds, SentenceEncoder encoder) {
    this(catalog, thresholds, encoder, MatcherMode.COMBINED);
  }

  public IntentMatcher(IntentCatalog catalog, MatchThresholds thresholds, SentenceEncoder encoder, MatcherMode mode) {
    if (mode.usesEmbeddings() && encoder == null) {
      throw new IllegalArgumentException("matcher mode " + mode + " needs a sentence encoder; got none");
    }
    this.thresholds = thresholds;
    this.mode = mode;
    this.encoder = encoder;
    this.services = new ServiceMentions(catalog.services());
    this.switchingIntent = catalog.services().switchingIntent();
    List<Integer> owners = new ArrayList<>();
    Set<String> slotStems = new HashSet<>();
    for (Intent intent : catalog.intents()) {
      int label = labels.size();
      labels.add(intent.id());
      for (String example : intent.examples()) {
        examples.add(MessageCleaner.clean(example));
        owners.add(label);
      }
      intent.slot().ifPresent(slot -> indexSlot(intent.id(), slot, slotStems, catalog.controls()));
    }
    intents = labels.size();
    labels.add(IntentCatalog.OUT_OF_SCOPE_ID);
    for (String example : catalog.outOfScopeExamples()) {
      examples.add(MessageCleaner.clean(example));
      owners.add(intents);
    }
    exampleLabel = owners.stream().mapToInt(Integer::intValue).toArray();
    ServiceMentions named = new ServiceMentions(catalog.services());
    aboutAnother = new boolean[examples.size()];
    for (int e = 0; e < examples.size(); e++) {
      aboutAnother[e] = exampleLabel[e] == intents && named.read(examples.get(e)).aboutAnother();
    }
    words = new LexicalIndex(analyzer, examples, exampleLabel, labels.size(), slotStems);
    for (Intent intent : catalog.intents()) {
      if (!intent.requiresWords().isEmpty()) {
        Set<String> stems = new HashSet<>();
        intent.requiresWords().forEach(w -> analyzer.tokens(w).forEach(t -> stems.add(t.stem())));
        required.put(intent.id(), stems);
      }
      if (intent.callsStaff()) {
        Set<List<String>> oneWord = new HashSet<>();
        intent.examples().stream().map(e -> words.query(MessageCleaner.clean(e)).stems())
            .filter(stems -> stems.size() == 1).forEach(oneWord::add);
        staffWords.put(intent.id(), oneWord);
      }
    }
    List<float[]> vectors = mode.usesEmbeddings() ? encoder.encodeAll(examples) : List.of();
    int dimension = mode.usesEmbeddings() ? encoder.dimension() : 0;
    byDimension = new float[dimension][vectors.size()];
    for (int e = 0; e < vectors.size(); e++) {
      float[] v = vectors.get(e);
      for (int j = 0; j < dimension; j++) {
        byDimension[j][e] = v[j];
      }
    }
    List<String> names = new ArrayList<>();
    if (mode.usesEmbeddings()) {
      names.addAll(EMBEDDING_FEATURES);
    }
    if (mode.usesWords()) {
      names.addAll(WORD_FEATURES);
    }
    featureNames = List.copyOf(names);
    model = fit();
  }

  private void indexSlot(String intentId, Slot slot, Set<String> slotStems, app.offramp.core.intent.Controls controls) {
    slots.put(intentId, slot);
    negations.put(intentId, new SlotNegation(slot, controls));
    for (SlotValue value : slot.values()) {
      for (String synonym : value.synonyms()) {
        indexSlotPhrase(intentId, slot, value.id(), synonym, slotStems);
      }
    }
    for (String synonym : slot.elsewhere()) {
      indexSlotPhrase(intentId, slot, SLOT_ELSEWHERE, synonym, slotStems);
    }
  }

  private void indexSlotPhrase(String intentId, Slot slot, String value, String synonym, Set<String> slotStems) {
    List<String> stems = analyzer.tokens(synonym).stream().map(Token::stem).toList();
    if (!stems.isEmpty()) {
      slotPhrases.computeIfAbsent(intentId, k -> new ArrayList<>()).add(new SlotPhrase(slot.name(), value, stems));
      if (stems.size() == 1) {
        slotStems.add(stems.get(0));
      }
    }
  }

  /**
   * What a message says about an intent's slot: one value's id; {@link #SLOT_BOTH} when it names
   * two and the slot says which to take; {@link #SLOT_ELSEWHERE} when it names only a place with no
   * steps; empty when it says nothing usable. A value the message denies ({@link SlotNegation}: "no
   * computer, just my phone") is not named; denying the one value of two names the other ("i don't
   * have the app").
   */
  public Optional<String> readSlot(String intentId, String text) {
    String cleaned = MessageCleaner.clean(text);
    return readSlot(intentId, analyzer.tokens(cleaned).stream().map(Token::stem).toList(), cleaned);
  }

  private Optional<String> readSlot(String intentId, List<String> stems, String cleaned) {
    Slot slot = slots.get(intentId);
    if (slot == null) {
      return Optional.empty();
    }
    Set<String> named = new HashSet<>();
    boolean elsewhere = false;
    for (SlotPhrase phrase : slotPhrases.getOrDefault(intentId, List.of())) {
      if (Collections.indexOfSubList(stems, phrase.stems()) >= 0) {
        if (phrase.value().equals(SLOT_ELSEWHERE)) {
          elsewhere = true;
        } else {
          named.add(phrase.value());
        }
      }
    }
    Set<String> denied = negations.get(intentId).denied(cleaned);
    named.removeAll(denied);
    if (named.isEmpty() && denied.size() == 1 && slot.values().size() == 2) {
      // "i don't have the app": of two values, denying one names the other.
      return slot.values().stream().map(v -> v.id()).filter(id -> !denied.contains(id)).findFirst();
    }
    if (named.size() == 1) {
      return Optional.of(named.iterator().next());
    }
    if (named.size() > 1) {
      return slot.both().isPresent() ? Optional.of(SLOT_BOTH) : Optional.empty();
    }
    return elsewhere ? Optional.of(SLOT_ELSEWHERE) : Optional.empty();
  }

  /** Leave-one-out features of every example, every intent a candidate; see the class comment. */
  private ScoreModel fit() {
    int[] held = heldOutForFitting();
    // Each held-out example is scored against all the others: the one cost of fitting that grows
    // with the examples, so the examples are scored on every core, their rows kept in order.
    double[][][] scored = java.util.stream.IntStream.range(0, held.length).parallel().mapToObj(i -> {
      int e = held[i];
      boolean setAside = !aboutAnother[e];
      float[] sims = mode.usesEmbeddings() ? similarities(exampleVector(e), e, setAside) : null;
      return features(sims, words.exampleQuery(e), e, setAside);
    }).toArray(double[][][]::new);
    List<double[]> rows = new ArrayList<>();
    List<Boolean> truth = new ArrayList<>();
    for (int i = 0; i < held.length; i++) {
      for (int c = 0; c < intents; c++) {
        rows.add(scored[i][c]);
        truth.add(exampleLabel[held[i]] == c);
      }
    }
    return ScoreModel.fit(rows, truth);
  }

  /**
   * The examples scored leave-one-out to fit the model: all of them up to {@value #MAX_FITTED}, else
   * an even share of each label (every k-th example of it, in file order), so fitting costs
   * {@value #MAX_FITTED} × examples similarity sums, not examples², however many an admin writes.
   * The model has ten weights; a thousand and more examples, each a row per intent, fix them well.
   */
  private int[] heldOutForFitting() {
    int n = examples.size();
    if (n <= MAX_FITTED) {
      return java.util.stream.IntStream.range(0, n).toArray();
    }
    double every = (double) n / MAX_FITTED;
    int[] seen = new int[labels.size()];
    List<Integer> chosen = new ArrayList<>();
    for (int e = 0; e < n; e++) {
      int k = seen[exampleLabel[e]]++;
      if (Math.floor(k / every) != Math.floor((k - 1) / every) || k == 0) {
        chosen.add(e);
      }
    }
    return chosen.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Of the examples (of every intent, and out-of-scope ones) whose cleaned text {@code which}
   * accepts, how many the matcher answers with their own intent when each is scored leave-one-out
   * (an out-of-scope example is right when refused). How a lesson's neighbours fare: examples
   * close to a lesson taught the wrong intent start being answered with it; out-of-scope examples
   * alone, what the bot must leave alone.
   */
  public HeldOut heldOutRight(java.util.function.Predicate<String> which) {
    int[] chosen = java.util.stream.IntStream.range(0, examples.size()).filter(e -> which.test(examples.get(e))).toArray();
    long right = java.util.Arrays.stream(chosen).parallel().filter(e -> {
      boolean setAside = !aboutAnother[e];
      float[] sims = mode.usesEmbeddings() ? similarities(exampleVector(e), e, setAside) : null;
      double[][] f = features(sims, words.exampleQuery(e), e, setAside);
      int best = intents;
      double top = thresholds.accept();
      for (int c = 0; c < intents; c++) {
        double p = model.probability(f[c]);
        if (p >= top) {
          top = p;
          best = c;
        }
      }
      return best == exampleLabel[e];
    }).count();
    return new HeldOut(chosen.length, (int) right);
  }

  /** {@link #heldOutRight}: how many examples were scored, how many answered right. */
  public record HeldOut(int scored, int right) {
    public double rate() {
      return scored == 0 ? 1 : (double) right / scored;
    }
  }

  /**
   * A message's sentence vector (unit length), as the matcher sees it; empty without a sentence
   * model (matcher mode "words"). For grouping messages by meaning.
   */
  public float[] vector(String text) {
    return mode.usesEmbeddings() ? encoder.encode(MessageCleaner.clean(text)) : new float[0];
  }

  /** See {@link #heldOutForFitting()}. */
  static final int MAX_FITTED = 1_200;

  private float[] exampleVector(int e) {
    float[] v = new float[byDimension.length];
    for (int j = 0; j < v.length; j++) {
      v[j] = byDimension[j][e];
    }
    return v;
  }

  /**
   * Cosine similarity of a unit vector with every example's. This is the one loop every message
   * runs over all examples (hundreds × 384 floats). Laid out by dimension, it adds one component's
   * share to every example's sum, {@code sims[e] += column[e] * x}: the same index read and
   * written, so the JIT compiles it to vector instructions (HotSpot 17 does not for a dot product,
   * a reduction, nor when the row is an offset into one shared array it cannot prove apart from
   * {@code sims}). About 4× faster than four accumulators over example rows (BENCHMARKS.md). Each sum
   * still adds its components in order, so the result does not depend on the vector width.
   */
  private float[] similarities(float[] vector, int heldOut, boolean setAside) {
    int n = exampleLabel.length;
    float[] sims = new float[n];
    for (int j = 0; j < byDimension.length; j++) {
      float x = vector[j];
      float[] column = byDimension[j];
      for (int e = 0; e < n; e++) {
        sims[e] += column[e] * x;
      }
    }
    if (heldOut >= 0) {
      sims[heldOut] = Float.NEGATIVE_INFINITY;
    }
    if (setAside) {
      for (int e = 0; e < n; e++) {
        if (aboutAnother[e]) {
          sims[e] = Float.NEGATIVE_INFINITY;
        }
      }
    }
    return sims;
  }

  /** One row of features per intent (not "none"), in {@link #featureNames} order. */
  private double[][] features(float[] sims, LexicalIndex.Query query, int heldOut, boolean setAside) {
    int labelCount = labels.size();
    double[][] out = new double[intents][featureNames.size()];
    int f = 0;
    if (mode.usesEmbeddings()) {
      double[] top = new double[labelCount];
      Arrays.fill(top, -1);
      for (int e = 0; e < sims.length; e++) {
        top[exampleLabel[e]] = Math.max(top[exampleLabel[e]], sims[e]);
      }
      double[] knn = new double[labelCount];
      int[] nearest = nearest(sims, NEIGHBOURS);
      double total = 0;
      for (int e : nearest) {
        double w = Math.max(0, sims[e]);
        knn[exampleLabel[e]] += w;
        total += w;
      }
      for (int c = 0; c < intents; c++) {
        out[c][f] = total > 0 ? knn[c] / total : 0;
        out[c][f + 1] = top[c];
        out[c][f + 2] = top[c] - bestOther(top, c);
        out[c][f + 3] = top[intents];
      }
      f += EMBEDDING_FEATURES.size();
    }
    if (mode.usesWords()) {
      double[] cosine = new double[labelCount];
      double[] coverage = new double[labelCount];
      words.scores(query, heldOut, cosine, coverage, setAside ? aboutAnother : null);
      double[] strange = words.strangeness(query, heldOut);
      for (int c = 0; c < intents; c++) {
        out[c][f] = cosine[c];
        out[c][f + 1] = coverage[c];
        out[c][f + 2] = cosine[c] - bestOther(cosine, c);
        out[c][f + 3] = strange[0];
        out[c][f + 4] = strange[1];
      }
    }
    return out;
  }

  private static double bestOther(double[] values, int except) {
    double best = -1;
    for (int i = 0; i < values.length; i++) {
      if (i != except) {
        best = Math.max(best, values[i]);
      }
    }
    return best;
  }

  /** Indices of the k largest values, largest first. */
  private static int[] nearest(float[] sims, int k) {
    int[] best = new int[Math.min(k, sims.length)];
    Arrays.fill(best, -1);
    for (int e = 0; e < sims.length; e++) {
      if (sims[e] == Float.NEGATIVE_INFINITY) {
        continue;
      }
      for (int slot = 0; slot < best.length; slot++) {
        if (best[slot] < 0 || sims[e] > sims[best[slot]]) {
          System.arraycopy(best, slot, best, slot + 1, best.length - slot - 1);
          best[slot] = e;
          break;
        }
      }
    }
    return Arrays.stream(best).filter(i -> i >= 0).toArray();
  }

  /** One message scored: its words, its similarity to every example (null without embeddings), features, probabilities. */
  private record Scored(LexicalIndex.Query query, float[] sims, double[][] features, double[] p) {}

  /** Scores a cleaned message once, for {@link #match} and {@link #explain} alike; null when nothing can be matched. */
  private Scored score(String cleaned) {
    return score(cleaned, words.query(cleaned));
  }

  private Scored score(String cleaned, LexicalIndex.Query query) {
    if (cleaned.isBlank() || query.allStems().isEmpty() && !mode.usesEmbeddings()) {
      return null;
    }
    // Examples about another service speak only to a message that names one (see aboutAnother).
    boolean setAside = services.read(cleaned).other().isEmpty();
    float[] sims = mode.usesEmbeddings() ? similarities(encoder.encode(cleaned), -1, setAside) : null;
    double[][] features = features(sims, query, -1, setAside);
    double[] p = new double[intents];
    for (int c = 0; c < intents; c++) {
      p[c] = model.probability(features[c]);
    }
    return new Scored(query, sims, features, p);
  }

  public MatchResult match(String text) {
    String cleaned = MessageCleaner.clean(text);
    // The message's words, read once for the decision and the checks after it (a long message costs).
    LexicalIndex.Query query = words.query(cleaned);
    MatchResult result = decide(cleaned, query);
    if (result instanceof MatchResult.Matched m && staffWords.containsKey(m.intentId())) {
      List<String> stems = query.stems();
      if (stems.size() <= 1 && !staffWords.get(m.intentId()).contains(stems)) {
        return new MatchResult.NoMatch(m.confidence(), m.intentId());
      }
    }
    if (result instanceof MatchResult.Matched m && required.containsKey(m.intentId())) {
      Set<String> needed = required.get(m.intentId());
      if (query.stems().stream().noneMatch(needed::contains) && query.allStems().stream().noneMatch(needed::contains)) {
        return new MatchResult.NoMatch(m.confidence(), m.intentId());
      }
    }
    ServiceMentions.Reading named = services.read(cleaned);
    if (named.aboutAnother() && !(result instanceof MatchResult.Matched m && switchingIntent.equals(Optional.of(m.intentId())))) {
      String nearest = result instanceof MatchResult.Matched m ? m.intentId()
          : result instanceof MatchResult.NoMatch n ? n.nearest()
          : ((MatchResult.Ambiguous) result).candidates().get(0).intentId();
      return new MatchResult.OtherService(named.other().orElseThrow(), result.confidence(), nearest);
    }
    return result;
  }

  private MatchResult decide(String cleaned, LexicalIndex.Query query) {
    Scored scored = score(cleaned, query);
    if (scored == null) {
      return new MatchResult.NoMatch(0);
    }
    double[] p = scored.p();
    Integer[] order = order(p);
    double top = p[order[0]];
    double second = order.length > 1 ? p[order[1]] : 0;
    if (top < thresholds.accept()) {
      return new MatchResult.NoMatch(top, labels.get(order[0]));
    }
    if (second >= thresholds.accept() && top - second < thresholds.ambiguityMargin()) {
      List<MatchResult.Candidate> candidates = new ArrayList<>();
      for (Integer i : order) {
        if (p[i] >= thresholds.accept() && top - p[i] < thresholds.ambiguityMargin() && candidates.size() < 3) {
          candidates.add(new MatchResult.Candidate(labels.get(i), p[i]));
        }
      }
      return new MatchResult.Ambiguous(candidates);
    }
    String intentId = labels.get(order[0]);
    Map<String, String> slotsNamed = new HashMap<>();
    Slot slot = slots.get(intentId);
    if (slot != null) {
      readSlot(intentId, scored.query().allStems(), cleaned).ifPresent(value -> slotsNamed.put(slot.name(), value));
    }
    return new MatchResult.Matched(intentId, top, slotsNamed);
  }

  /** What {@link #match} weighed for this message: features, their weight, nearest examples. */
  public MatchExplanation explain(String text) {
    String cleaned = MessageCleaner.clean(text);
    Scored scored = score(cleaned);
    if (scored == null) {
      return new MatchExplanation(cleaned, List.of(), List.of());
    }
    double[] p = scored.p();
    double[][] features = scored.features();
    List<MatchExplanation.Candidate> candidates = new ArrayList<>();
    for (Integer c : Arrays.copyOf(order(p), Math.min(3, intents))) {
      Map<String, Double> values = new LinkedHashMap<>();
      Map<String, Double> shares = new LinkedHashMap<>();
      double[] contributions = model.contributions(features[c]);
      for (int j = 0; j < featureNames.size(); j++) {
        values.put(featureNames.get(j), round(features[c][j]));
        shares.put(featureNames.get(j), round(contributions[j]));
      }
      shares.put("bias", round(model.bias()));
      candidates.add(new MatchExplanation.Candidate(labels.get(c), round(p[c]), values, shares));
    }
    List<MatchExplanation.Neighbour> neighbours = new ArrayList<>();
    if (scored.sims() != null) {
      float[] sims = scored.sims();
      for (int e : nearest(sims, NEIGHBOURS)) {
        neighbours.add(new MatchExplanation.Neighbour(examples.get(e), labels.get(exampleLabel[e]), round(sims[e])));
      }
    }
    return new MatchExplanation(cleaned, candidates, neighbours);
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static Integer[] order(double[] p) {
    Integer[] order = new Integer[p.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingDouble(i -> -p[i]));
    return order;
  }

  /** The slot values a message names for an intent, e.g. {platform=mobile} for "on my iphone". */
  public Map<String, String> slotValues(String intentId, String text) {
    return slotValues(intentId, analyzer.tokens(MessageCleaner.clean(text)).stream().map(Token::stem).toList());
  }

  private Map<String, String> slotValues(String intentId, List<String> stems) {
    Map<String, Set<String>> found = new HashMap<>();
    for (SlotPhrase phrase : slotPhrases.getOrDefault(intentId, List.of())) {
      if (!phrase.value().equals(SLOT_ELSEWHERE) && Collections.indexOfSubList(stems, phrase.stems()) >= 0) {
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

  public MatcherMode mode() {
    return mode;
  }

  public MatchThresholds thresholds() {
    return thresholds;
  }

  @Override
  public void close() {
    analyzer.close();
  }
}
