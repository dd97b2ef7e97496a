package app.offramp.core.intent;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code services.yaml} into {@link ServiceNames}, every problem located. A name written for
 * this service and for another (after case and accents are folded) is refused: the bot could not
 * tell whose question it is.
 */
final class ServicesFileParser {
  static final String FILE_NAME = "services.yaml";
  static final int MAX_NAME = 60;
  /** Enough for every service members name; each is looked for in every message. */
  static final int MAX_NAMES = 1_000;
  private static final List<String> FIELDS = List.of("service", "names", "other_services", "switching");

  /** The names and where {@code switching.intent} stood, for the check that it names an intent. */
  record Parsed(ServiceNames names, String file, int[] switchingIntentAt) {}

  private ServicesFileParser() {}

  static Optional<Parsed> parse(String file, YamlNode root, List<Problem> problems) {
    int before = problems.size();
    YamlFields fields = new YamlFields(file, problems);
    if (!(root instanceof YamlNode.Mapping map)) {
      fields.problem(root, "the file is " + root.kind() + "; expected a mapping with service, names and other_services");
      return Optional.empty();
    }
    fields.checkFields(map, FIELDS, "");
    String service = fields.requiredString(map, "service", "");
    fields.maxLength(map, "service", service, MAX_NAME);
    List<String> names = fields.stringList(map, "names", "", true);
    Map<String, List<String>> others = new LinkedHashMap<>();
    YamlNode.Entry othersEntry = map.entries().get("other_services");
    if (othersEntry == null) {
      fields.problem(map, "missing required field 'other_services'; expected a mapping of each other service's name "
          + "to how members write it");
    } else if (!(othersEntry.value() instanceof YamlNode.Mapping otherMap)) {
      fields.problem(othersEntry.value(), "'other_services' is " + othersEntry.value().kind()
          + "; expected a mapping of each other service's name to a list of how members write it");
    } else {
      for (YamlNode.Entry entry : otherMap.entries().values()) {
        if (entry.key().length() > MAX_NAME) {
          problems.add(new Problem(file, entry.keyLine(), entry.keyColumn(), "service name '" + entry.key() + "' is "
              + entry.key().length() + " characters; expected at most " + MAX_NAME));
        }
        List<String> written = fields.stringList(otherMap, entry.key(), "other_services.", true);
        if (written != null) {
          others.put(entry.key(), written);
        }
      }
    }
    Optional<String> switchingIntent = Optional.empty();
    List<String> switchingWords = List.of();
    int[] switchingAt = null;
    YamlNode.Entry switching = map.entries().get("switching");
    if (switching != null) {
      if (switching.value() instanceof YamlNode.Mapping s) {
        fields.checkFields(s, List.of("intent", "words"), "switching.");
        switchingIntent = Optional.ofNullable(fields.requiredString(s, "intent", "switching."));
        List<String> words = fields.stringList(s, "words", "switching.", true);
        switchingWords = words == null ? List.of() : words;
        switchingAt = fields.at("switching.intent");
      } else {
        fields.problem(switching.value(), "'switching' is " + switching.value().kind()
            + "; expected a mapping with intent and words");
      }
    }
    checkNames(file, fields, names, others, problems);
    if (problems.size() > before || service == null || names == null) {
      return Optional.empty();
    }
    return Optional.of(new Parsed(new ServiceNames(service, names, others, switchingIntent, switchingWords), file,
        switchingAt));
  }

  /** Each name once, none written both for this service and another, and not too many to look for. */
  private static void checkNames(String file, YamlFields fields, List<String> names, Map<String, List<String>> others,
      List<Problem> problems) {
    Map<String, String> owner = new HashMap<>();
    int total = 0;
    if (names != null) {
      for (int i = 0; i < names.size(); i++) {
        total++;
        claim(fields, owner, names.get(i), "this service", "names[" + i + "]", problems, file);
      }
    }
    for (Map.Entry<String, List<String>> other : others.entrySet()) {
      for (int i = 0; i < other.getValue().size(); i++) {
        total++;
        claim(fields, owner, other.getValue().get(i), other.getKey(), "other_services." + other.getKey() + "[" + i + "]",
            problems, file);
      }
    }
    if (total > MAX_NAMES) {
      problems.add(new Problem(file, 1, 1, total + " names in all; expected at most " + MAX_NAMES
          + " (each is looked for in every message)"));
    }
  }

  private static void claim(YamlFields fields, Map<String, String> owner, String name, String service, String path,
      List<Problem> problems, String file) {
    int[] at = fields.at(path);
    if (name.length() > MAX_NAME) {
      problems.add(new Problem(file, at[0], at[1], "name '" + name + "' is " + name.length() + " characters; expected at most "
          + MAX_NAME));
    }
    String key = fold(name);
    if (key.isBlank()) {
      problems.add(new Problem(file, at[0], at[1], "name '" + name + "' has no letters or digits; expected a name as "
          + "members write it"));
      return;
    }
    String first = owner.putIfAbsent(key, service);
    if (first != null) {
      problems.add(new Problem(file, at[0], at[1], "name '" + name + "' is already written for " + first
          + "; expected each name for one service only"));
    }
  }

  /** Lower case, accents dropped, everything but letters, digits and '+' a single space. */
  static String fold(String text) {
    String folded = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    return folded.replaceAll("[^\\p{L}\\p{N}+]+", " ").strip();
  }
}
