package app.offramp.core.intent;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code learned.yaml} ({@link LearnedExamples}) with every problem located, as the other
 * files of the intents directory are: the bot writes it, but an admin may edit it by hand.
 */
final class LearnedFileParser {
  private static final List<String> FIELDS = List.of("lessons");
  private static final List<String> LESSON_FIELDS = List.of("id", "intent", "at", "by", "examples");

  /** The lessons, and where each field and example stood ("lessons[0].examples[2]"). */
  record Parsed(LearnedExamples learned, String file, Map<String, int[]> positions) {
    int[] at(String path) {
      return positions.getOrDefault(path, new int[] {1, 1});
    }
  }

  private LearnedFileParser() {}

  static Optional<Parsed> parse(String file, YamlNode root, List<Problem> problems) {
    int before = problems.size();
    YamlFields fields = new YamlFields(file, problems);
    if (!(root instanceof YamlNode.Mapping map)) {
      problems.add(new Problem(file, root.line(), root.column(), "the file is " + root.kind()
          + "; expected a mapping with 'lessons', a list of {id, intent, at, by, examples}"));
      return Optional.empty();
    }
    fields.checkFields(map, FIELDS, "");
    YamlNode.Entry entry = map.entries().get("lessons");
    if (entry == null) {
      fields.problem(map, "missing required field 'lessons'; expected a list of {id, intent, at, by, examples}");
      return Optional.empty();
    }
    if (entry.value() instanceof YamlNode.Scalar bare && (bare.type() == YamlNode.Scalar.Type.NULL
        || bare.text().isBlank())) {
      return Optional.of(new Parsed(LearnedExamples.NONE, file, fields.positions())); // "lessons:" alone: none yet
    }
    if (!(entry.value() instanceof YamlNode.Sequence list)) {
      fields.problem(entry.value(), "'lessons' is " + entry.value().kind() + "; expected a list of {id, intent, at, "
          + "by, examples}");
      return Optional.empty();
    }
    List<LearnedExamples.Lesson> lessons = new ArrayList<>();
    Set<Integer> ids = new HashSet<>();
    for (int i = 0; i < list.items().size(); i++) {
      YamlNode item = list.items().get(i);
      String prefix = "lessons[" + i + "].";
      fields.positions().put("lessons[" + i + "]", new int[] {item.line(), item.column()});
      if (!(item instanceof YamlNode.Mapping lesson)) {
        fields.problem(item, "lesson " + (i + 1) + " is " + item.kind() + "; expected a mapping with id, intent, at, "
            + "by and examples");
        continue;
      }
      fields.checkFields(lesson, LESSON_FIELDS, prefix);
      Integer id = id(fields, lesson, prefix);
      String intent = fields.requiredString(lesson, "intent", prefix);
      YamlNode.Entry atEntry = lesson.entries().get("at");
      String at = atEntry != null && atEntry.value() instanceof YamlNode.Scalar a && a.text().isBlank() ? ""
          : fields.requiredString(lesson, "at", prefix);
      String by = fields.requiredString(lesson, "by", prefix);
      List<String> examples = fields.stringList(lesson, "examples", prefix, true);
      Instant when = null;
      if (at != null) {
        try {
          if (at.isBlank()) {
            throw new DateTimeParseException("empty", at, 0);
          }
          when = Instant.parse(at);
        } catch (DateTimeParseException e) {
          fields.problem(lesson.entries().get("at").value(), "'" + prefix + "at' is '" + at + "'; expected an "
              + "ISO-8601 instant such as 2026-12-04T20:31:05Z");
        }
      }
      if (id != null && !ids.add(id)) {
        fields.problem(lesson.entries().get("id").value(), "lesson id " + id + " appears twice; expected each id once");
      }
      if (examples != null) {
        for (int e = 0; e < examples.size(); e++) {
          if (examples.get(e).length() > IntentFileParser.MAX_EXAMPLE_CHARS) {
            int[] pos = fields.at(prefix + "examples[" + e + "]");
            problems.add(new Problem(file, pos[0], pos[1], "example " + (e + 1) + " of lesson " + id + " is "
                + examples.get(e).length() + " characters; expected at most " + IntentFileParser.MAX_EXAMPLE_CHARS));
          }
        }
      }
      if (id != null && intent != null && when != null && by != null && examples != null) {
        lessons.add(new LearnedExamples.Lesson(id, intent, when, by, examples));
      }
    }
    if (problems.size() > before) {
      return Optional.empty();
    }
    return Optional.of(new Parsed(new LearnedExamples(lessons), file, fields.positions()));
  }

  private static Integer id(YamlFields fields, YamlNode.Mapping lesson, String prefix) {
    YamlNode.Entry entry = lesson.entries().get("id");
    if (entry == null) {
      fields.problem(lesson, "missing required field '" + prefix + "id'; expected a whole number");
      return null;
    }
    if (entry.value() instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.Type.NUMBER
        && s.text().matches("[1-9][0-9]{0,8}")) {
      return Integer.parseInt(s.text());
    }
    String shown = entry.value() instanceof YamlNode.Scalar s ? "'" + s.text() + "'" : entry.value().kind();
    fields.problem(entry.value(), "'" + prefix + "id' is " + shown + "; expected a whole number from 1");
    return null;
  }
}
