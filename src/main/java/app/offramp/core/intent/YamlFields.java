package app.offramp.core.intent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the fields of one file's located YAML mappings, reporting each problem with the line and
 * column of the offending node and remembering where every field stood ({@link #positions()}), so
 * rules checked later can point at it too. Shared by the parsers of the files in the intents
 * directory: intents, the service names, the controls.
 */
final class YamlFields {
  private final String file;
  private final List<Problem> problems;
  private final Map<String, int[]> positions = new HashMap<>();

  YamlFields(String file, List<Problem> problems) {
    this.file = file;
    this.problems = problems;
  }

  /** Where each field and list item read so far stood, by path ("slot.values[0].label"). */
  Map<String, int[]> positions() {
    return positions;
  }

  /** Where problems go, for a reader that finds one no helper here words. */
  List<Problem> problems() {
    return problems;
  }

  int[] at(String path) {
    return positions.getOrDefault(path, new int[] {1, 1});
  }

  void checkFields(YamlNode.Mapping map, List<String> allowed, String prefix) {
    for (YamlNode.Entry entry : map.entries().values()) {
      positions.put(prefix + entry.key(), new int[] {entry.value().line(), entry.value().column()});
      if (!allowed.contains(entry.key())) {
        problems.add(new Problem(file, entry.keyLine(), entry.keyColumn(), "unknown field '" + prefix
            + entry.key() + "'; expected one of: " + String.join(", ", allowed)));
      }
    }
  }

  String requiredString(YamlNode.Mapping map, String key, String prefix) {
    if (!map.entries().containsKey(key)) {
      problem(map, "missing required field '" + prefix + key + "'");
      return null;
    }
    return optionalString(map, key, prefix);
  }

  String optionalString(YamlNode.Mapping map, String key, String prefix) {
    YamlNode.Entry entry = map.entries().get(key);
    if (entry == null) {
      return null;
    }
    if (entry.value() instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.Type.STRING) {
      if (s.text().isBlank()) {
        problem(s, "'" + prefix + key + "' is empty; expected text");
        return null;
      }
      return s.text();
    }
    problem(entry.value(), "'" + prefix + key + "' is " + entry.value().kind() + "; expected a string"
        + (entry.value() instanceof YamlNode.Scalar ? " (quote it)" : ""));
    return null;
  }

  boolean optionalBoolean(YamlNode.Mapping map, String key) {
    YamlNode.Entry entry = map.entries().get(key);
    if (entry == null) {
      return false;
    }
    if (entry.value() instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.Type.BOOLEAN) {
      return Boolean.parseBoolean(s.text());
    }
    problem(entry.value(), "'" + key + "' is " + entry.value().kind() + "; expected true or false");
    return false;
  }

  /** A list of strings; records each item's position as {@code prefix+key[i]}. */
  List<String> stringList(YamlNode.Mapping map, String key, String prefix, boolean required) {
    YamlNode.Entry entry = map.entries().get(key);
    if (entry == null) {
      if (required) {
        problem(map, "missing required field '" + prefix + key + "'; expected a list of strings");
      }
      return null;
    }
    if (!(entry.value() instanceof YamlNode.Sequence list)) {
      problem(entry.value(), "'" + prefix + key + "' is " + entry.value().kind() + "; expected a list of strings");
      return null;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < list.items().size(); i++) {
      YamlNode item = list.items().get(i);
      positions.put(prefix + key + "[" + i + "]", new int[] {item.line(), item.column()});
      if (item instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.Type.STRING && !s.text().isBlank()) {
        out.add(s.text().strip());
      } else {
        problem(item, "item " + (i + 1) + " of '" + prefix + key + "' is " + (item instanceof YamlNode.Scalar s
            && s.type() == YamlNode.Scalar.Type.STRING ? "empty" : item.kind()) + "; expected a non-empty string");
      }
    }
    if (list.items().isEmpty()) {
      problem(list, "'" + prefix + key + "' is an empty list; expected at least one item");
    }
    return out;
  }

  void maxLength(YamlNode.Mapping map, String key, String value, int max) {
    if (value != null && value.length() > max) {
      problem(map.entries().get(key).value(), "'" + key + "' is " + value.length()
          + " characters; expected at most " + max);
    }
  }

  void problem(YamlNode node, String message) {
    problems.add(new Problem(file, node.line(), node.column(), message));
  }

}
