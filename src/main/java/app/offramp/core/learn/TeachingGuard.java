package app.offramp.core.learn;

import app.offramp.core.conversation.ConversationEngine;
import app.offramp.core.eval.Evaluator;
import app.offramp.core.eval.LabelledQuestion;
import app.offramp.core.match.IntentMatcher;
import app.offramp.core.match.MessageCleaner;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * Measures a lesson before it is kept ({@link GuardFigures}): the labelled questions asked of the
 * matcher in use and of the one the lesson would bring, and the out-of-scope examples the matcher
 * in use has, scored leave-one-out by both (the same examples on both sides, so a lesson that adds
 * out-of-scope examples is not credited with refusing its own). Besides the whole sets, the
 * questions nearest the lesson's own (by the matcher's sentence vectors): the
 * {@value #NEAR_LABELLED} labelled questions and {@value #NEAR_EXAMPLES} examples (of any intent, out-of-scope ones too)
 * nearest each of them.
 */
public final class TeachingGuard {
  static final int NEAR_LABELLED = 10;
  static final int NEAR_EXAMPLES = 20;

  private final List<LabelledQuestion> labelled;
  private final double maxDrop;
  private final double maxNearDrop;
  /** The labelled questions' vectors, once (the sentence model does not change while the bot runs). */
  private List<float[]> labelledVectors;

  /**
   * @param labelled the project's labelled questions (may be empty: then only refusals are measured)
   * @param maxDrop the most a whole-set figure may fall, as a share (0.01 is one point)
   * @param maxNearDrop the most a figure near the lesson may fall
   */
  public TeachingGuard(List<LabelledQuestion> labelled, double maxDrop, double maxNearDrop) {
    this.labelled = List.copyOf(labelled);
    this.maxDrop = maxDrop;
    this.maxNearDrop = maxNearDrop;
  }

  public synchronized GuardFigures measure(ConversationEngine before, ConversationEngine after, List<String> lesson) {
    IntentMatcher was = before.matcher();
    IntentMatcher is = after.matcher();
    if (labelledVectors == null) {
      labelledVectors = labelled.parallelStream().map(q -> was.vector(q.text())).toList();
    }
    // The out-of-scope examples first, then the topics': one encoding (cached by the model) serves both.
    List<String> outOfScope = before.catalog().outOfScopeExamples().stream().map(MessageCleaner::clean).distinct().toList();
    List<String> examples = new ArrayList<>(outOfScope);
    before.catalog().intents().forEach(i -> i.examples().forEach(e -> examples.add(MessageCleaner.clean(e))));
    List<float[]> exampleVectors = examples.parallelStream().map(was::vector).toList();
    List<float[]> outOfScopeVectors = exampleVectors.subList(0, outOfScope.size());
    List<float[]> taught = lesson.stream().map(was::vector).toList();
    Set<Integer> nearLabelled = nearest(taught, labelledVectors, NEAR_LABELLED);
    Set<String> nearExamples = new HashSet<>();
    nearest(taught, exampleVectors, NEAR_EXAMPLES).forEach(i -> nearExamples.add(examples.get(i)));
    Set<String> allRefused = new HashSet<>(outOfScope);
    List<LabelledQuestion> near = nearLabelled.stream().map(labelled::get).toList();
    List<LabelledQuestion> said = lookAlikes(was, lesson, taught, outOfScopeVectors);
    return new GuardFigures(
        new GuardFigures.Figure(labelled.size(), right(was, labelled), right(is, labelled)),
        right(was, is, allRefused::contains),
        new GuardFigures.Figure(near.size(), right(was, near), right(is, near)),
        right(was, is, nearExamples::contains),
        new GuardFigures.Figure(said.size(), right(was, said), right(is, said)), maxDrop, maxNearDrop);
  }

  /**
   * The lesson's own questions with what the project's own sets say they are: the label of a
   * labelled question or out-of-scope example they look like (within {@value #LOOKS_LIKE} cosine of
   * the nearest); else "none" when the matcher fitted on those sets is sure they are not ours: they
   * name another service, or no topic reaches {@value #SURELY_NOT_OURS} and an out-of-scope example
   * is near ({@value #NEAR_OUT_OF_SCOPE} cosine; members' questions it missed about a topic mostly
   * score higher, chatter lower, and a miss on a topic with nothing out of scope near is left to
   * the other figures). A lesson that contradicts them turns them
   * from right to wrong, however little it moves the rest of the set (three examples among
   * hundreds barely do).
   */
  private List<LabelledQuestion> lookAlikes(IntentMatcher was, List<String> lesson, List<float[]> taught,
      List<float[]> outOfScope) {
    List<LabelledQuestion> out = new ArrayList<>();
    for (int t = 0; t < taught.size(); t++) {
      float[] v = taught.get(t);
      String label = null;
      double best = LOOKS_LIKE;
      for (int i = 0; i < labelledVectors.size(); i++) {
        double sim = MissGroups.dot(v, labelledVectors.get(i));
        if (sim >= best) {
          best = sim;
          label = labelled.get(i).intent();
        }
      }
      double nearestOutOfScope = 0;
      for (float[] o : outOfScope) {
        double sim = MissGroups.dot(v, o);
        nearestOutOfScope = Math.max(nearestOutOfScope, sim);
        if (sim >= best) {
          best = sim;
          label = LabelledQuestion.NONE;
        }
      }
      if (label == null) {
        app.offramp.core.match.MatchResult now = was.match(lesson.get(t));
        boolean surelyNot = now instanceof app.offramp.core.match.MatchResult.OtherService
            || now instanceof app.offramp.core.match.MatchResult.NoMatch && now.confidence() < SURELY_NOT_OURS
                && nearestOutOfScope >= NEAR_OUT_OF_SCOPE;
        label = surelyNot ? LabelledQuestion.NONE : null;
      }
      if (label != null) {
        out.add(new LabelledQuestion(lesson.get(t), label, "", ""));
      }
    }
    return out;
  }

  /**
   * Below this, no topic is near: of the members' questions about a topic the matcher missed in the
   * project's measures none scored under 0.02, of out-of-scope ones about half did (README).
   */
  static final double SURELY_NOT_OURS = 0.02;
  static final double NEAR_OUT_OF_SCOPE = 0.6;

  /** How alike (cosine of sentence vectors) a lesson's question and a labelled one must be to share its label. */
  static final double LOOKS_LIKE = 0.8;

  private static GuardFigures.Figure right(IntentMatcher was, IntentMatcher is, Predicate<String> which) {
    IntentMatcher.HeldOut before = was.heldOutRight(which);
    return new GuardFigures.Figure(before.scored(), before.rate(), is.heldOutRight(which).rate());
  }

  private static double right(IntentMatcher matcher, List<LabelledQuestion> questions) {
    if (questions.isEmpty()) {
      return 1;
    }
    long right = questions.parallelStream()
        .filter(q -> Evaluator.predictedIntent(matcher.match(q.text())).equals(q.intent())).count();
    return (double) right / questions.size();
  }

  /** The indexes of the {@code k} vectors nearest each of {@code to}, together. */
  private static Set<Integer> nearest(List<float[]> to, List<float[]> among, int k) {
    Set<Integer> out = new HashSet<>();
    for (float[] v : to) {
      if (v.length == 0) {
        continue; // no sentence model: nothing is near
      }
      IntStream.range(0, among.size()).boxed()
          .sorted(Comparator.comparingDouble((Integer i) -> -MissGroups.dot(v, among.get(i))))
          .limit(k).forEach(out::add);
    }
    return out;
  }
}
