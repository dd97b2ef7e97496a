package app.offramp.core.intent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns one file's located YAML tree into an {@link Intent}, collecting every problem in the file
 * rather than stopping at the first, each with the line and column of the offending node.
 */
final class IntentFileParser {
  static final int MIN_EXAMPLES = 20;
  /**
   * Bounds that keep loading inside the bot's heap and start-up time: every example is encoded by
   * the sentence model (about 1 ms each) and scored against every other when the matcher is fitted.
   */
  static final int MAX_EXAMPLES = 500;
  static final int MAX_EXAMPLE_CHARS = 300;
  static final int MAX_TITLE = 60;
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{0,31}");
  private static final Pattern COMMAND_NAME = Pattern.compile("[a-z0-9_-]{1,32}");
  /** Commands every bot has: /ask (a question in your own words) and /offramp (administration). */
  static final List<String> RESERVED_COMMANDS = List.of("ask", "offramp");
  /**
   * Choices a slot question can show: its values, and Talk to staff beside them, within the 25
   * a reply holds.
   */
  static final int MAX_SLOT_VALUES = ReplyLimits.CHOICES - 1;
  private static final List<String> FIELDS = List.of("id", "title", "summary", "command", "examples",
      "intro", "answer", "steps", "slot", "outro", "follow_ups", "calls_staff", "source");
  /** The out-of-scope file holds only examples: it is what the bot must not answer, not a topic. */
  private static final List<String> OUT_OF_SCOPE_FIELDS = List.of("id", "summary", "examples");

  /** A parsed intent with the position of each of its parts, for problems found later. */
  record Parsed(Intent intent, String file, Map<String, int[]> positions) {
    int[] at(String path) {
      return positions.getOrDefault(path, new int[] {1, 1});
    }
  }

  private final String file;
  private final List<Problem> problems;
  private final Map<String, int[]> positions = new HashMap<>();

  private IntentFileParser(String file, List<Problem> problems) {
    this.file = file;
    this.problems = problems;
  }

  static Optional<Parsed> parse(String file, YamlNode root, List<Problem> problems) {
    IntentFileParser parser = new IntentFileParser(file, problems);
    int before = problems.size();
    Intent intent = parser.intent(root);
    if (intent == null || problems.size() > before) {
      return Optional.empty();
    }
    return Optional.of(new Parsed(intent, file, parser.positions));
  }

  private Intent intent(YamlNode root) {
    if (!(root instanceof YamlNode.Mapping map)) {
      problem(root, "the file is " + root.kind() + "; expected a mapping with id, title, summary and examples");
      return null;
    }
    if (map.entries().get("id") != null && map.entries().get("id").value() instanceof YamlNode.Scalar s
        && IntentCatalog.OUT_OF_SCOPE_ID.equals(s.text())) {
      return outOfScope(map);
    }
    checkFields(map, FIELDS, "");
    String id = requiredString(map, "id", "");
    if (id != null && !ID.matcher(id).matches()) {
      problem(map.entries().get("id").value(), "id '" + id + "' is not valid; expected lower snake case "
          + "(a-z, 0-9, _), starting with a letter, at most 32 characters");
    }
    String title = requiredString(map, "title", "");
    maxLength(map, "title", title, MAX_TITLE);
    String summary = requiredString(map, "summary", "");
    maxLength(map, "summary", summary, ReplyLimits.COMMAND_DESCRIPTION);
    Optional<SlashCommand> command = command(map);
    List<String> examples = examples(map);
    String intro = optionalString(map, "intro", "");
    String answer = optionalString(map, "answer", "");
    List<String> steps = stringList(map, "steps", "", false);
    Optional<Slot> slot = slot(map);
    String outro = optionalString(map, "outro", "");
    List<String> followUps = stringList(map, "follow_ups", "", false);
    boolean callsStaff = optionalBoolean(map, "calls_staff");
    Optional<Source> source = source(map);

    int contents = (answer != null ? 1 : 0) + (steps != null ? 1 : 0) + (slot.isPresent() ? 1 : 0);
    if (contents != 1 && map.entries().keySet().stream().noneMatch(k -> !FIELDS.contains(k))) {
      problem(map, contents == 0
          ? "no content; expected exactly one of 'answer', 'steps' or 'slot'"
          : "has more than one of 'answer', 'steps' and 'slot'; expected exactly one");
    }
    if (id == null || title == null || summary == null || examples == null) {
      return null;
    }
    return new Intent(id, title, summary, command, examples, intro, answer,
        steps == null ? List.of() : steps, slot, outro,
        followUps == null ? List.of() : followUps, callsStaff, source);
  }

  /** Required examples: at least {@link #MIN_EXAMPLES}, none twice. */
  private List<String> examples(YamlNode.Mapping map) {
    List<String> examples = stringList(map, "examples", "", true);
    if (examples != null && map.entries().containsKey("examples")) {
      if (examples.size() < MIN_EXAMPLES) {
        problem(map.entries().get("examples").value(), "has " + examples.size()
            + " examples; expected at least " + MIN_EXAMPLES + " ways a member might ask");
      }
      if (examples.size() > MAX_EXAMPLES) {
        problem(map.entries().get("examples").value(), "has " + examples.size() + " examples; expected at most "
            + MAX_EXAMPLES + " (more make loading slow and add little)");
      }
      for (int i = 0; i < examples.size(); i++) {
        if (examples.get(i).length() > MAX_EXAMPLE_CHARS) {
          int[] at = positions.get("examples[" + i + "]");
          problems.add(new Problem(file, at[0], at[1], "example " + (i + 1) + " is " + examples.get(i).length()
              + " characters; expected at most " + MAX_EXAMPLE_CHARS + ", a question as a member would type it"));
        }
      }
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < examples.size(); i++) {
        if (!seen.add(normalize(examples.get(i)))) {
          int[] at = positions.get("examples[" + i + "]");
          problems.add(new Problem(file, at[0], at[1], "example '" + examples.get(i)
              + "' appears twice in this intent; expected each example once"));
        }
      }
    }
    return examples;
  }

  /** {@code none.yaml}: what members ask that is not ours, as examples the matcher learns to refuse. */
  private Intent outOfScope(YamlNode.Mapping map) {
    checkFields(map, OUT_OF_SCOPE_FIELDS, "");
    String summary = optionalString(map, "summary", "");
    List<String> examples = examples(map);
    if (examples == null) {
      return null;
    }
    return new Intent(IntentCatalog.OUT_OF_SCOPE_ID, "Not ours", summary == null ? "" : summary, Optional.empty(),
        examples, "", "", List.of(), Optional.empty(), "", List.of(), false);
  }

  private Optional<Source> source(YamlNode.Mapping map) {
    YamlNode.Entry entry = map.entries().get("source");
    if (entry == null) {
      return Optional.empty();
    }
    if (!(entry.value() instanceof YamlNode.Mapping source)) {
      problem(entry.value(), "'source' is " + entry.value().kind() + "; expected a mapping with title, section and verified");
      return Optional.empty();
    }
    checkFields(source, List.of("title", "section", "url", "verified"), "source.");
    String title = requiredString(source, "title", "source.");
    String section = requiredString(source, "section", "source.");
    String url = optionalString(source, "url", "source.");
    if (url != null && !url.startsWith("https://") && !url.startsWith("http://")) {
      problem(source.entries().get("url").value(), "source.url '" + url + "' is not a web address; expected https://...");
    }
    String verified = requiredString(source, "verified", "source.");
    java.time.LocalDate date = null;
    if (verified != null) {
      try {
        date = java.time.LocalDate.parse(verified);
      } catch (java.time.format.DateTimeParseException e) {
        problem(source.entries().get("verified").value(), "source.verified '" + verified
            + "' is not a date; expected YYYY-MM-DD, the day the answer was last checked against the source");
      }
    }
    return title == null || section == null || date == null ? Optional.empty()
        : Optional.of(new Source(title, section, Optional.ofNullable(url), date));
  }

  private Optional<SlashCommand> command(YamlNode.Mapping map) {
    YamlNode.Entry entry = map.entries().get("command");
    if (entry == null) {
      return Optional.empty();
    }
    if (!(entry.value() instanceof YamlNode.Mapping command)) {
      problem(entry.value(), "'command' is " + entry.value().kind() + "; expected a mapping with name and description");
      return Optional.empty();
    }
    checkFields(command, List.of("name", "description"), "command.");
    String name = requiredString(command, "name", "command.");
    if (name != null && !COMMAND_NAME.matcher(name).matches()) {
      problem(command.entries().get("name").value(), "command name '" + name
          + "' is not valid; expected 1 to 32 characters of a-z, 0-9, - and _ (Discord's rule)");
    } else if (name != null && RESERVED_COMMANDS.contains(name)) {
      problem(command.entries().get("name").value(), "command name '" + name + "' is built in; expected another name "
          + "(taken: " + String.join(", ", RESERVED_COMMANDS) + ")");
    }
    String description = requiredString(command, "description", "command.");
    maxLength(command, "description", description, ReplyLimits.COMMAND_DESCRIPTION);
    return name == null || description == null ? Optional.empty() : Optional.of(new SlashCommand(name, description));
  }

  private Optional<Slot> slot(YamlNode.Mapping map) {
    YamlNode.Entry entry = map.entries().get("slot");
    if (entry == null) {
      return Optional.empty();
    }
    if (!(entry.value() instanceof YamlNode.Mapping slot)) {
      problem(entry.value(), "'slot' is " + entry.value().kind() + "; expected a mapping with name, question and values");
      return Optional.empty();
    }
    checkFields(slot, List.of("name", "question", "description", "values", "both", "both_note", "elsewhere"), "slot.");
    String name = requiredString(slot, "name", "slot.");
    if (name != null && !COMMAND_NAME.matcher(name).matches()) {
      problem(slot.entries().get("name").value(), "slot name '" + name + "' is not valid; expected 1 to 32 lower-case "
          + "characters of a-z, 0-9, - and _ (it becomes a Discord command option)");
    }
    String question = requiredString(slot, "question", "slot.");
    String description = optionalString(slot, "description", "slot.");
    maxLength(slot, "description", description, ReplyLimits.COMMAND_DESCRIPTION);
    List<SlotValue> values = new ArrayList<>();
    YamlNode.Entry valuesEntry = slot.entries().get("values");
    if (valuesEntry == null) {
      problem(slot, "missing required field 'slot.values'; expected a list of values, each with id, label, synonyms and steps");
    } else if (!(valuesEntry.value() instanceof YamlNode.Sequence list)) {
      problem(valuesEntry.value(), "'slot.values' is " + valuesEntry.value().kind() + "; expected a list");
    } else {
      if (list.items().size() < 2) {
        problem(list, "a slot needs at least 2 values; has " + list.items().size());
      }
      if (list.items().size() > MAX_SLOT_VALUES) {
        problem(list, "a slot has " + list.items().size() + " values; expected at most " + MAX_SLOT_VALUES
            + " so they and Talk to staff fit the 25 choices a reply can show");
      }
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < list.items().size(); i++) {
        String prefix = "slot.values[" + i + "].";
        YamlNode item = list.items().get(i);
        if (!(item instanceof YamlNode.Mapping value)) {
          problem(item, "a slot value is " + item.kind() + "; expected a mapping with id, label, synonyms and steps");
          continue;
        }
        checkFields(value, List.of("id", "label", "synonyms", "steps"), prefix);
        String valueId = requiredString(value, "id", prefix);
        if (valueId != null && !ID.matcher(valueId).matches()) {
          problem(value.entries().get("id").value(), "slot value id '" + valueId + "' is not valid; expected lower snake case");
        }
        if (valueId != null && !ids.add(valueId)) {
          problem(value.entries().get("id").value(), "slot value id '" + valueId + "' is used twice; expected unique ids");
        }
        String label = requiredString(value, "label", prefix);
        maxLength(value, "label", label, ReplyLimits.BUTTON_LABEL);
        List<String> synonyms = stringList(value, "synonyms", prefix, true);
        List<String> steps = stringList(value, "steps", prefix, true);
        if (valueId != null && label != null && synonyms != null && steps != null) {
          values.add(new SlotValue(valueId, label, synonyms, steps));
        }
      }
    }
    String both = optionalString(slot, "both", "slot.");
    String bothNote = optionalString(slot, "both_note", "slot.");
    if (both != null && values.stream().noneMatch(v -> v.id().equals(both))) {
      problem(slot.entries().get("both").value(), "slot.both '" + both + "' names no value; expected one of "
          + values.stream().map(SlotValue::id).toList());
    }
    if ((both == null) != (bothNote == null)) {
      problem(slot, "slot.both and slot.both_note go together; expected both or neither");
    }
    List<String> elsewhere = List.of();
    String elsewhereReply = null;
    YamlNode.Entry elsewhereEntry = slot.entries().get("elsewhere");
    if (elsewhereEntry != null) {
      if (elsewhereEntry.value() instanceof YamlNode.Mapping other) {
        checkFields(other, List.of("synonyms", "reply"), "slot.elsewhere.");
        List<String> words = stringList(other, "synonyms", "slot.elsewhere.", true);
        elsewhere = words == null ? List.of() : words;
        elsewhereReply = requiredString(other, "reply", "slot.elsewhere.");
      } else {
        problem(elsewhereEntry.value(), "'slot.elsewhere' is " + elsewhereEntry.value().kind()
            + "; expected a mapping with synonyms and reply");
      }
    }
    if (name == null || question == null) {
      return Optional.empty();
    }
    return Optional.of(new Slot(name, question, description, values, Optional.ofNullable(both), bothNote, elsewhere,
        elsewhereReply));
  }

  private void checkFields(YamlNode.Mapping map, List<String> allowed, String prefix) {
    for (YamlNode.Entry entry : map.entries().values()) {
      positions.put(prefix + entry.key(), new int[] {entry.value().line(), entry.value().column()});
      if (!allowed.contains(entry.key())) {
        problems.add(new Problem(file, entry.keyLine(), entry.keyColumn(), "unknown field '" + prefix
            + entry.key() + "'; expected one of: " + String.join(", ", allowed)));
      }
    }
  }

  private String requiredString(YamlNode.Mapping map, String key, String prefix) {
    if (!map.entries().containsKey(key)) {
      problem(map, "missing required field '" + prefix + key + "'");
      return null;
    }
    return optionalString(map, key, prefix);
  }

  private String optionalString(YamlNode.Mapping map, String key, String prefix) {
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

  private boolean optionalBoolean(YamlNode.Mapping map, String key) {
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
  private List<String> stringList(YamlNode.Mapping map, String key, String prefix, boolean required) {
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

  private void maxLength(YamlNode.Mapping map, String key, String value, int max) {
    if (value != null && value.length() > max) {
      problem(map.entries().get(key).value(), "'" + key + "' is " + value.length()
          + " characters; expected at most " + max);
    }
  }

  private void problem(YamlNode node, String message) {
    problems.add(new Problem(file, node.line(), node.column(), message));
  }

  /** Case and space folded, so "Cancel  it" and "cancel it" count as the same example. */
  static String normalize(String text) {
    return text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
  }
}
