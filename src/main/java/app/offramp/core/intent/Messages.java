package app.offramp.core.intent;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engine's sentences, read from {@code messages/en.yaml} beside the intents (the project's own,
 * packaged in the jar, when the directory has none): one text per {@link Text}, its placeholders
 * filled by name ({@code "Step {step} of {total}"}). Immutable.
 */
public final class Messages {
  static final String FILE = "messages/en.yaml";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");
  /** A text is what a member reads in one reply at most. */
  static final int MAX_TEXT = 1_000;

  private final Map<Text, String> texts;

  private Messages(Map<Text, String> texts) {
    this.texts = new EnumMap<>(texts);
  }

  /** The text for {@code key}, its placeholders filled from {@code args}: name, value, name, value… */
  public String get(Text key, Object... args) {
    String text = texts.get(key);
    if (args.length == 0) {
      return text;
    }
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      values.put(String.valueOf(args[i]), String.valueOf(args[i + 1]));
    }
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Reads a messages file's located tree; every problem is added to {@code problems}, with its position. */
  static Optional<Messages> parse(String file, YamlNode root, List<Problem> problems) {
    int before = problems.size();
    YamlFields fields = new YamlFields(file, problems);
    if (!(root instanceof YamlNode.Mapping map)) {
      fields.problem(root, "the file is " + root.kind() + "; expected a mapping of message keys to texts");
      return Optional.empty();
    }
    Map<String, Text> byKey = new HashMap<>();
    for (Text t : Text.values()) {
      byKey.put(t.key(), t);
    }
    Map<Text, String> texts = new EnumMap<>(Text.class);
    for (YamlNode.Entry entry : map.entries().values()) {
      Text key = byKey.get(entry.key());
      if (key == null) {
        problems.add(new Problem(file, entry.keyLine(), entry.keyColumn(), "unknown message key '" + entry.key()
            + "'; expected one of the keys the bot uses (see messages/en.yaml of the project)"));
        continue;
      }
      String text = fields.optionalString(map, entry.key(), "");
      if (text == null) {
        continue;
      }
      YamlNode at = entry.value();
      if (text.length() > MAX_TEXT) {
        problems.add(new Problem(file, at.line(), at.column(), "'" + entry.key() + "' is " + text.length()
            + " characters; expected at most " + MAX_TEXT));
      }
      Set<String> found = new LinkedHashSet<>();
      Matcher m = PLACEHOLDER.matcher(text);
      while (m.find()) {
        found.add(m.group(1));
      }
      if (!found.equals(new LinkedHashSet<>(key.placeholders()))) {
        problems.add(new Problem(file, at.line(), at.column(), "'" + entry.key() + "' has placeholders " + braces(found)
            + "; expected " + braces(key.placeholders())));
      }
      texts.put(key, text);
    }
    for (Text t : Text.values()) {
      if (!map.entries().containsKey(t.key())) {
        fields.problem(map, "missing message '" + t.key() + "'"
            + (t.placeholders().isEmpty() ? "" : " (with " + braces(t.placeholders()) + ")"));
      }
    }
    return problems.size() > before ? Optional.empty() : Optional.of(new Messages(texts));
  }

  private static String braces(java.util.Collection<String> names) {
    return names.isEmpty() ? "none" : String.join(", ", names.stream().map(n -> "{" + n + "}").toList());
  }
}
