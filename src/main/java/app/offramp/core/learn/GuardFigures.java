package app.offramp.core.learn;

/**
 * What a lesson would do, measured before it is kept, on the project's labelled questions (the
 * share answered right) and on the out-of-scope examples (the share refused, each scored as a new
 * message would be), before and after: over all of them, and over those nearest the lesson's
 * questions, where a wrong lesson shows (three questions barely move a whole set), and over the
 * lesson's own questions that the sets already say something about ({@code lesson}). A lesson that
 * lowers a whole-set figure by more than {@code maxDrop}, or a nearby one by more than
 * {@code maxNearDrop}, is harmful and refused.
 */
public record GuardFigures(Figure labelled, Figure refused, Figure labelledNear, Figure refusedNear, Figure lesson,
    double maxDrop, double maxNearDrop) {
  /** Shares are compared with this much slack, so equal figures are not told apart by rounding. */
  private static final double EPSILON = 1e-9;

  /** A share of {@code of} questions before and after the lesson (of 0: nothing to measure, never a drop). */
  public record Figure(int of, double before, double after) {
    public double drop() {
      return of == 0 ? 0 : before - after;
    }
  }

  public boolean harmful() {
    return labelled.drop() > maxDrop + EPSILON || refused.drop() > maxDrop + EPSILON
        || labelledNear.drop() > maxNearDrop + EPSILON || refusedNear.drop() > maxNearDrop + EPSILON
        || lesson.drop() > maxNearDrop + EPSILON;
  }
}
