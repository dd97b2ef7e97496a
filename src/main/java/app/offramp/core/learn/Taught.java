package app.offramp.core.learn;

import app.offramp.core.intent.LearnedExamples;
import java.util.List;
import java.util.Optional;

/**
 * What came of teaching the bot a group of questions.
 *
 * @param lesson the lesson kept (when {@link Kind#LEARNED})
 * @param alreadyKnown questions that were examples already (not added again)
 * @param figures the guard's measure (when it was taken)
 * @param problems why the files refused it (when {@link Kind#INVALID}), each "file:line:col: message"
 * @param answers what the matcher now answers for the group's questions (when learned)
 */
public record Taught(Kind kind, Optional<LearnedExamples.Lesson> lesson, int alreadyKnown,
    Optional<GuardFigures> figures, List<String> problems, List<Answer> answers) {
  public enum Kind {
    /** Kept: written, the matcher refitted and in use. */
    LEARNED,
    /** Every question was an example already. */
    NOTHING_NEW,
    /** The guard measured a fall past the margin: nothing written. */
    HARMFUL,
    /** The files with the lesson do not load: nothing written. */
    INVALID
  }

  /** A question and what the matcher answers for it: an intent id or "none", with its probability. */
  public record Answer(String text, String intent, double confidence) {}

  public Taught {
    problems = List.copyOf(problems);
    answers = List.copyOf(answers);
  }
}
