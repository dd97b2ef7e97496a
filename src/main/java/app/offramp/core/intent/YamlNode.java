package app.offramp.core.intent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree whose every node remembers where it stood in the file, so that a
 * problem found long after parsing (a follow-up naming a missing intent) can still point at its
 * line and column. Jackson's own tree drops locations, hence this small one.
 */
sealed interface YamlNode {
  int line();

  int column();

  /** What the node is, in words for an error message ("a list", "a number"). */
  String kind();

  record Scalar(String text, Type type, int line, int column) implements YamlNode {
    enum Type { STRING, NUMBER, BOOLEAN, NULL }

    @Override
    public String kind() {
      return switch (type) {
        case STRING -> "a string";
        case NUMBER -> "a number";
        case BOOLEAN -> "a boolean";
        case NULL -> "nothing (null)";
      };
    }
  }

  record Sequence(List<YamlNode> items, int line, int column) implements YamlNode {
    @Override
    public String kind() {
      return "a list";
    }
  }

  /** A mapping; keys keep file order and remember their own position. */
  record Mapping(Map<String, Entry> entries, int line, int column) implements YamlNode {
    public Mapping {
      entries = new LinkedHashMap<>(entries);
    }

    @Override
    public String kind() {
      return "a mapping";
    }
  }

  record Entry(String key, int keyLine, int keyColumn, YamlNode value) {}
}
