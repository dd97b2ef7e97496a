package app.offramp.core.intent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code learned.yaml}: the examples staff taught the bot from questions it missed
 * ({@code /offramp review}), kept apart from the intent files an admin writes, one lesson per
 * choice: which intent (or {@code none}), when, by whom (a salted hash, never an id), and the
 * questions. Loaded as normal examples of that intent; written only by the bot and
 * {@code offramp learned --undo}, so it is always rendered the same way ({@link #toYaml()}).
 */
public record LearnedExamples(List<Lesson> lessons) {
  public static final String FILE_NAME = "learned.yaml";
  public static final LearnedExamples NONE = new LearnedExamples(List.of());

  /** One staff choice: {@code examples} became examples of {@code intent}. */
  public record Lesson(int id, String intent, Instant at, String by, List<String> examples) {
    public Lesson {
      examples = List.copyOf(examples);
    }
  }

  public LearnedExamples {
    lessons = List.copyOf(lessons);
  }

  /** How two examples are compared: the same text up to case and spaces is the same example. */
  public static String key(String example) {
    return IntentFileParser.normalize(example);
  }

  /** The id the next lesson gets: one more than the highest in the file. */
  public int nextId() {
    return lessons.stream().mapToInt(Lesson::id).max().orElse(0) + 1;
  }

  public LearnedExamples with(Lesson lesson) {
    List<Lesson> all = new ArrayList<>(lessons);
    all.add(lesson);
    return new LearnedExamples(all);
  }

  /** The lessons {@code which} names: a lesson's number, an intent id (all its lessons), or {@code all}. */
  public List<Lesson> matching(String which) {
    String w = which.strip();
    return lessons.stream().filter(l -> w.equals("all") || w.equals(Integer.toString(l.id())) || w.equals(l.intent()))
        .toList();
  }

  public LearnedExamples without(List<Lesson> removed) {
    return new LearnedExamples(lessons.stream().filter(l -> !removed.contains(l)).toList());
  }

  /** The file as the bot writes it: a comment saying what it is, then the lessons in order. */
  public String toYaml() {
    StringBuilder out = new StringBuilder();
    out.append("# yaml-language-server: $schema=learned.schema.json\n");
    out.append("# Examples taught by staff with /offramp review: each lesson adds its examples to one intent\n");
    out.append("# (none = not a support question). Written by the bot; `offramp learned` lists the lessons and\n");
    out.append("# `offramp learned --undo <id|intent|all>` removes them. `by` is the staff member's salted hash.\n");
    if (lessons.isEmpty()) {
      return out.append("lessons: []\n").toString();
    }
    out.append("lessons:\n");
    for (Lesson l : lessons) {
      out.append("  - id: ").append(l.id()).append('\n');
      out.append("    intent: ").append(quoted(l.intent())).append('\n');
      out.append("    at: ").append(quoted(l.at().toString())).append('\n');
      out.append("    by: ").append(quoted(l.by())).append('\n');
      out.append("    examples:\n");
      for (String e : l.examples()) {
        out.append("      - ").append(quoted(e)).append('\n');
      }
    }
    return out.toString();
  }

  /**
   * A YAML double-quoted scalar that reads back as {@code text}, whatever a member typed: quote,
   * backslash, C0 and C1 controls, noncharacters, lone surrogates and line separators escaped (YAML
   * refuses the first raw and folds the last).
   */
  public static String quoted(String text) {
    StringBuilder b = new StringBuilder("\"");
    text.codePoints().forEach(c -> {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || c >= 0x80 && c <= 0x9f) {
            b.append(String.format("\\x%02x", c));
          } else if (c == 0xfffe || c == 0xffff || c == 0x2028 || c == 0x2029
              || Character.getType(c) == Character.SURROGATE) {
            // noncharacters, lone surrogates, and the line and paragraph separators YAML would fold
            b.append(String.format("\\u%04x", c));
          } else {
            b.appendCodePoint(c);
          }
        }
      }
    });
    return b.append('"').toString();
  }
}
