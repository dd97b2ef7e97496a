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
  /**
   * The out-of-scope file teaches where every topic ends, against everything else members ask, so
   * it may hold more; the 5,000 in all still bound the whole.
   */
  static final int MAX_OUT_OF_SCOPE_EXAMPLES = 1_500;
  static final int MAX_EXAMPLE_CHARS = 300;
  static final int MAX_TITLE = 60;
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{0,31}");
  private static final Pattern COMMAND_NAME = Pattern.compile("[a-z0-9_-]{1,32}");
  /** Commands every bot has: /ask (a question in your own words) and /offramp (administration). */
  static final List<String> RESERVED_COMMANDS = List.of("ask", "offramp", "language");
  /**
   * Choices a slot question can show: its values, and Talk to staff beside them, within the 25
   * a reply holds.
   */
  static final int MAX_SLOT_VALUES = ReplyLimits.CHOICES - 1;
  private static final List<String> FIELDS = List.of("id", "title", "summary", "command", "examples",
      "intro", "answer", "steps", "slot", "outro", "follow_ups", "calls_staff", "source", "before", "variants",
      "requires_words");
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
  private final YamlFields fields;
  private final Map<String, int[]> positions;

  private IntentFileParser(String file, List<Problem> problems) {
    this.file = file;
    this.problems = problems;
    this.fields = new YamlFields(file, problems);
    this.positions = fields.positions();
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
      fields.problem(root, "the file is " + root.kind() + "; expected a mapping with id, title, summary and examples");
      return null;
    }
    if (map.entries().get("id") != null && map.entries().get("id").value() instanceof YamlNode.Scalar s
        && IntentCatalog.OUT_OF_SCOPE_ID.equals(s.text())) {
      return outOfScope(map);
    }
    fields.checkFields(map, FIELDS, "");
    String id = fields.requiredString(map, "id", "");
    if (id != null && !ID.matcher(id).matches()) {
      fields.problem(map.entries().get("id").value(), "id '" + id + "' is not valid; expected lower snake case "
          + "(a-z, 0-9, _), starting with a letter, at most 32 characters");
    }
    String title = fields.requiredString(map, "title", "");
    fields.maxLength(map, "title", title, MAX_TITLE);
    String summary = fields.requiredString(map, "summary", "");
    fields.maxLength(map, "summary", summary, ReplyLimits.COMMAND_DESCRIPTION);
    Optional<SlashCommand> command = command(map);
    List<String> examples = examples(map);
    String intro = fields.optionalString(map, "intro", "");
    String answer = fields.optionalString(map, "answer", "");
    List<String> steps = fields.stringList(map, "steps", "", false);
    Optional<Slot> slot = slot(map);
    String outro = fields.optionalString(map, "outro", "");
    List<String> followUps = fields.stringList(map, "follow_ups", "", false);
    boolean callsStaff = fields.optionalBoolean(map, "calls_staff");
    Optional<Source> source = source(map);
    List<String> before = fields.stringList(map, "before", "", false);
    List<Variant> variants = variants(map);
    List<String> requiresWords = fields.stringList(map, "requires_words", "", false);

    int contents = (answer != null ? 1 : 0) + (steps != null ? 1 : 0) + (slot.isPresent() ? 1 : 0);
    if (contents != 1 && map.entries().keySet().stream().noneMatch(k -> !FIELDS.contains(k))) {
      fields.problem(map, contents == 0
          ? "no content; expected exactly one of 'answer', 'steps' or 'slot'"
          : "has more than one of 'answer', 'steps' and 'slot'; expected exactly one");
    }
    if (id == null || title == null || summary == null || examples == null) {
      return null;
    }
    return new Intent(id, title, summary, command, examples, intro, answer,
        steps == null ? List.of() : steps, slot, outro,
        followUps == null ? List.of() : followUps, callsStaff, source, before == null ? List.of() : before, variants,
        requiresWords == null ? List.of() : requiresWords);
  }

  /** Required examples: at least {@link #MIN_EXAMPLES}, none twice. */
  private List<String> examples(YamlNode.Mapping map) {
    return examples(map, MAX_EXAMPLES);
  }

  private List<String> examples(YamlNode.Mapping map, int max) {
    List<String> examples = fields.stringList(map, "examples", "", true);
    if (examples != null && map.entries().containsKey("examples")) {
      if (examples.size() < MIN_EXAMPLES) {
        fields.problem(map.entries().get("examples").value(), "has " + examples.size()
            + " examples; expected at least " + MIN_EXAMPLES + " ways a member might ask");
      }
      if (examples.size() > max) {
        fields.problem(map.entries().get("examples").value(), "has " + examples.size() + " examples; expected at most "
            + max + " (more make loading slow and add little)");
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
    fields.checkFields(map, OUT_OF_SCOPE_FIELDS, "");
    String summary = fields.optionalString(map, "summary", "");
    List<String> examples = examples(map, MAX_OUT_OF_SCOPE_EXAMPLES);
    if (examples == null) {
      return null;
    }
    return new Intent(IntentCatalog.OUT_OF_SCOPE_ID, "Not ours", summary == null ? "" : summary, Optional.empty(),
        examples, "", "", List.of(), Optional.empty(), "", List.of(), false);
  }

  /** {@code variants}: a list of {when, unless?, note | answer}. */
  private List<Variant> variants(YamlNode.Mapping map) {
    YamlNode.Entry entry = map.entries().get("variants");
    if (entry == null) {
      return List.of();
    }
    if (!(entry.value() instanceof YamlNode.Sequence list)) {
      fields.problem(entry.value(), "'variants' is " + entry.value().kind() + "; expected a list of {when, note or answer}");
      return List.of();
    }
    List<Variant> out = new ArrayList<>();
    for (int i = 0; i < list.items().size(); i++) {
      String prefix = "variants[" + i + "].";
      YamlNode item = list.items().get(i);
      positions.put("variants[" + i + "]", new int[] {item.line(), item.column()});
      if (!(item instanceof YamlNode.Mapping variant)) {
        fields.problem(item, "a variant is " + item.kind() + "; expected a mapping with when and note or answer");
        continue;
      }
      fields.checkFields(variant, List.of("when", "unless", "note", "answer"), prefix);
      List<String> when = fields.stringList(variant, "when", prefix, true);
      List<String> unless = fields.stringList(variant, "unless", prefix, false);
      String note = fields.optionalString(variant, "note", prefix);
      String answer = fields.optionalString(variant, "answer", prefix);
      if ((note == null) == (answer == null)) {
        fields.problem(variant, "a variant has " + (note == null ? "neither" : "both") + " 'note' and 'answer'; expected "
            + "exactly one (a line before the reply, or an answer instead of it)");
        continue;
      }
      if (when != null) {
        out.add(new Variant(when, unless, Optional.ofNullable(note), Optional.ofNullable(answer)));
      }
    }
    return out;
  }

  private Optional<Source> source(YamlNode.Mapping map) {
    YamlNode.Entry entry = map.entries().get("source");
    if (entry == null) {
      return Optional.empty();
    }
    if (!(entry.value() instanceof YamlNode.Mapping source)) {
      fields.problem(entry.value(), "'source' is " + entry.value().kind() + "; expected a mapping with title, section and verified");
      return Optional.empty();
    }
    fields.checkFields(source, List.of("title", "section", "url", "verified"), "source.");
    String title = fields.requiredString(source, "title", "source.");
    String section = fields.requiredString(source, "section", "source.");
    String url = fields.optionalString(source, "url", "source.");
    if (url != null && !url.startsWith("https://") && !url.startsWith("http://")) {
      fields.problem(source.entries().get("url").value(), "source.url '" + url + "' is not a web address; expected https://...");
    }
    String verified = fields.requiredString(source, "verified", "source.");
    java.time.LocalDate date = null;
    if (verified != null) {
      try {
        date = java.time.LocalDate.parse(verified);
      } catch (java.time.format.DateTimeParseException e) {
        fields.problem(source.entries().get("verified").value(), "source.verified '" + verified
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
      fields.problem(entry.value(), "'command' is " + entry.value().kind() + "; expected a mapping with name and description");
      return Optional.empty();
    }
    fields.checkFields(command, List.of("name", "description"), "command.");
    String name = fields.requiredString(command, "name", "command.");
    if (name != null && !COMMAND_NAME.matcher(name).matches()) {
      fields.problem(command.entries().get("name").value(), "command name '" + name
          + "' is not valid; expected 1 to 32 characters of a-z, 0-9, - and _ (Discord's rule)");
    } else if (name != null && RESERVED_COMMANDS.contains(name)) {
      fields.problem(command.entries().get("name").value(), "command name '" + name + "' is built in; expected another name "
          + "(taken: " + String.join(", ", RESERVED_COMMANDS) + ")");
    }
    String description = fields.requiredString(command, "description", "command.");
    fields.maxLength(command, "description", description, ReplyLimits.COMMAND_DESCRIPTION);
    return name == null || description == null ? Optional.empty() : Optional.of(new SlashCommand(name, description));
  }

  private Optional<Slot> slot(YamlNode.Mapping map) {
    YamlNode.Entry entry = map.entries().get("slot");
    if (entry == null) {
      return Optional.empty();
    }
    if (!(entry.value() instanceof YamlNode.Mapping slot)) {
      fields.problem(entry.value(), "'slot' is " + entry.value().kind() + "; expected a mapping with name, question and values");
      return Optional.empty();
    }
    fields.checkFields(slot, List.of("name", "question", "description", "values", "both", "both_note", "elsewhere"), "slot.");
    String name = fields.requiredString(slot, "name", "slot.");
    if (name != null && !COMMAND_NAME.matcher(name).matches()) {
      fields.problem(slot.entries().get("name").value(), "slot name '" + name + "' is not valid; expected 1 to 32 lower-case "
          + "characters of a-z, 0-9, - and _ (it becomes a Discord command option)");
    }
    String question = fields.requiredString(slot, "question", "slot.");
    String description = fields.optionalString(slot, "description", "slot.");
    fields.maxLength(slot, "description", description, ReplyLimits.COMMAND_DESCRIPTION);
    List<SlotValue> values = new ArrayList<>();
    YamlNode.Entry valuesEntry = slot.entries().get("values");
    if (valuesEntry == null) {
      fields.problem(slot, "missing required field 'slot.values'; expected a list of values, each with id, label, synonyms and steps");
    } else if (!(valuesEntry.value() instanceof YamlNode.Sequence list)) {
      fields.problem(valuesEntry.value(), "'slot.values' is " + valuesEntry.value().kind() + "; expected a list");
    } else {
      if (list.items().size() < 2) {
        fields.problem(list, "a slot needs at least 2 values; has " + list.items().size());
      }
      if (list.items().size() > MAX_SLOT_VALUES) {
        fields.problem(list, "a slot has " + list.items().size() + " values; expected at most " + MAX_SLOT_VALUES
            + " so they and Talk to staff fit the 25 choices a reply can show");
      }
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < list.items().size(); i++) {
        String prefix = "slot.values[" + i + "].";
        YamlNode item = list.items().get(i);
        if (!(item instanceof YamlNode.Mapping value)) {
          fields.problem(item, "a slot value is " + item.kind() + "; expected a mapping with id, label, synonyms and steps");
          continue;
        }
        fields.checkFields(value, List.of("id", "label", "synonyms", "steps"), prefix);
        String valueId = fields.requiredString(value, "id", prefix);
        if (valueId != null && !ID.matcher(valueId).matches()) {
          fields.problem(value.entries().get("id").value(), "slot value id '" + valueId + "' is not valid; expected lower snake case");
        }
        if (valueId != null && !ids.add(valueId)) {
          fields.problem(value.entries().get("id").value(), "slot value id '" + valueId + "' is used twice; expected unique ids");
        }
        String label = fields.requiredString(value, "label", prefix);
        fields.maxLength(value, "label", label, ReplyLimits.BUTTON_LABEL);
        List<String> synonyms = fields.stringList(value, "synonyms", prefix, true);
        List<String> steps = fields.stringList(value, "steps", prefix, true);
        if (valueId != null && label != null && synonyms != null && steps != null) {
          values.add(new SlotValue(valueId, label, synonyms, steps));
        }
      }
    }
    String both = fields.optionalString(slot, "both", "slot.");
    String bothNote = fields.optionalString(slot, "both_note", "slot.");
    if (both != null && values.stream().noneMatch(v -> v.id().equals(both))) {
      fields.problem(slot.entries().get("both").value(), "slot.both '" + both + "' names no value; expected one of "
          + values.stream().map(SlotValue::id).toList());
    }
    if ((both == null) != (bothNote == null)) {
      fields.problem(slot, "slot.both and slot.both_note go together; expected both or neither");
    }
    List<String> elsewhere = List.of();
    String elsewhereReply = null;
    YamlNode.Entry elsewhereEntry = slot.entries().get("elsewhere");
    if (elsewhereEntry != null) {
      if (elsewhereEntry.value() instanceof YamlNode.Mapping other) {
        fields.checkFields(other, List.of("synonyms", "reply"), "slot.elsewhere.");
        List<String> words = fields.stringList(other, "synonyms", "slot.elsewhere.", true);
        elsewhere = words == null ? List.of() : words;
        elsewhereReply = fields.requiredString(other, "reply", "slot.elsewhere.");
      } else {
        fields.problem(elsewhereEntry.value(), "'slot.elsewhere' is " + elsewhereEntry.value().kind()
            + "; expected a mapping with synonyms and reply");
      }
    }
    if (name == null || question == null) {
      return Optional.empty();
    }
    return Optional.of(new Slot(name, question, description, values, Optional.ofNullable(both), bothNote, elsewhere,
        elsewhereReply));
  }

  /** Case and space folded, so "Cancel  it" and "cancel it" count as the same example. */
  static String normalize(String text) {
    return text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
  }
}
