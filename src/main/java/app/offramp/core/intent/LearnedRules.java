package app.offramp.core.intent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds the lessons of {@code learned.yaml} to the intents they name, after the intent files were
 * checked on their own, so every problem points at the lesson that causes it: an intent that does
 * not exist, an example another intent (or an earlier lesson) already has, more examples than an
 * intent may hold.
 */
final class LearnedRules {
  private LearnedRules() {}

  /** Replaces, in {@code parsed}, each intent a lesson names by the intent with the lesson's examples. */
  static void apply(List<IntentFileParser.Parsed> parsed, LearnedFileParser.Parsed learned, List<Problem> problems) {
    Map<String, Integer> byId = new HashMap<>();
    Map<String, String> owner = new HashMap<>();
    for (int i = 0; i < parsed.size(); i++) {
      Intent intent = parsed.get(i).intent();
      byId.putIfAbsent(intent.id(), i);
      for (String example : intent.examples()) {
        owner.putIfAbsent(IntentFileParser.normalize(example), intent.id() + " (" + parsed.get(i).file() + ")");
      }
    }
    Map<String, List<String>> added = new HashMap<>();
    List<LearnedExamples.Lesson> lessons = learned.learned().lessons();
    for (int l = 0; l < lessons.size(); l++) {
      LearnedExamples.Lesson lesson = lessons.get(l);
      String at = "lessons[" + l + "]";
      if (!byId.containsKey(lesson.intent())) {
        problem(learned, at + ".intent", problems, "lesson " + lesson.id() + " names intent '" + lesson.intent()
            + "', which no intent file defines; expected one of " + byId.keySet().stream().sorted().toList());
        continue;
      }
      for (int e = 0; e < lesson.examples().size(); e++) {
        String example = lesson.examples().get(e);
        String key = IntentFileParser.normalize(example);
        String first = owner.putIfAbsent(key, lesson.intent() + " (lesson " + lesson.id() + ")");
        if (first != null) {
          boolean same = first.startsWith(lesson.intent() + " (");
          problem(learned, at + ".examples[" + e + "]", problems, "example '" + example + "' of lesson " + lesson.id()
              + " is already an example of " + first + (same ? "; expected each example once: remove it from the lesson"
                  : "; expected each example in one intent only"));
          continue;
        }
        added.computeIfAbsent(lesson.intent(), k -> new ArrayList<>()).add(example);
      }
    }
    added.forEach((id, more) -> {
      int i = byId.get(id);
      IntentFileParser.Parsed p = parsed.get(i);
      int max = id.equals(IntentCatalog.OUT_OF_SCOPE_ID) ? IntentFileParser.MAX_OUT_OF_SCOPE_EXAMPLES
          : IntentFileParser.MAX_EXAMPLES;
      int total = p.intent().examples().size() + more.size();
      if (total > max) {
        int[] pos = learned.at("lessons");
        problems.add(new Problem(learned.file(), pos[0], pos[1], "'" + id + "' would have " + total + " examples with "
            + "its lessons; expected at most " + max + ": undo a lesson (offramp learned --undo) or trim " + p.file()));
      }
      parsed.set(i, new IntentFileParser.Parsed(p.intent().withMoreExamples(more), p.file(), p.positions()));
    });
  }

  private static void problem(LearnedFileParser.Parsed learned, String path, List<Problem> problems, String message) {
    int[] pos = learned.at(path);
    problems.add(new Problem(learned.file(), pos[0], pos[1], message));
  }
}
