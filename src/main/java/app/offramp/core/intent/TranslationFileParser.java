package app.offramp.core.intent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code i18n/<language>.yaml} beside the intents: each topic's words in another language, by
 * intent id, with the English file's shape (titles, answers, steps, the platform question and
 * labels, notes). Read against the English intents: a topic the English lacks, a list of steps or
 * of variants of another length, a platform the English does not have, is an error (the member would
 * be walked through something else); a piece left out is English in the replies and a warning from
 * {@code validate}. Examples, follow-ups, sources and matching words stay the English file's: one
 * matcher understands every language.
 */
final class TranslationFileParser {
  static final String DIR = "i18n";
  static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");
  private static final List<String> TOP = List.of("language", "intents");
  private static final List<String> FIELDS = List.of("title", "summary", "command_description", "intro", "answer",
      "steps", "slot", "outro", "variants");
  private static final List<String> SLOT_FIELDS = List.of("question", "description", "values", "both_note",
      "elsewhere_reply");
  private static final List<String> VALUE_FIELDS = List.of("label", "steps");
  private static final List<String> VARIANT_FIELDS = List.of("note", "answer");
  /** The longest a translated text may be (a reply is at most 2,000 characters with its buttons' words). */
  static final int MAX_TEXT = 1_000;

  private TranslationFileParser() {}

  /**
   * The intents in {@code language}: every English intent, its words replaced where the file has
   * them. Problems (errors) go to {@code problems}, English used for a missing piece to {@code warnings}.
   */
  static List<Intent> parse(String file, String language, YamlNode root, List<Intent> english, List<Problem> problems,
      List<Problem> warnings) {
    YamlFields fields = new YamlFields(file, problems);
    if (!(root instanceof YamlNode.Mapping map)) {
      fields.problem(root, "the file is " + root.kind() + "; expected a mapping with language and intents");
      return english;
    }
    fields.checkFields(map, TOP, "");
    String declared = fields.requiredString(map, "language", "");
    if (declared != null && !declared.equals(language)) {
      fields.problem(map.entries().get("language").value(), "language is '" + declared + "' in " + language
          + ".yaml; expected '" + language + "' (the file's name)");
    }
    Map<String, YamlNode.Entry> given = new LinkedHashMap<>();
    YamlNode.Entry intentsEntry = map.entries().get("intents");
    if (intentsEntry == null) {
      fields.problem(map, "missing required field 'intents'");
    } else if (!(intentsEntry.value() instanceof YamlNode.Mapping intents)) {
      fields.problem(intentsEntry.value(), "'intents' is " + intentsEntry.value().kind() + "; expected a mapping of "
          + "intent ids to their words");
    } else {
      given.putAll(intents.entries());
    }
    Map<String, Intent> byId = new LinkedHashMap<>();
    english.forEach(i -> byId.put(i.id(), i));
    for (YamlNode.Entry entry : given.values()) {
      if (!byId.containsKey(entry.key())) {
        problems.add(new Problem(file, entry.keyLine(), entry.keyColumn(), "'" + entry.key() + "' is not an intent; "
            + "expected one of " + byId.keySet()));
      }
    }
    List<Intent> out = new ArrayList<>();
    for (Intent en : english) {
      YamlNode.Entry entry = given.get(en.id());
      if (entry == null) {
        warnings.add(new Problem(file, 1, 1, "intent '" + en.id() + "' is not translated; its replies are in English"));
        out.add(en);
      } else if (!(entry.value() instanceof YamlNode.Mapping words)) {
        fields.problem(entry.value(), "'" + en.id() + "' is " + entry.value().kind() + "; expected a mapping of fields");
        out.add(en);
      } else {
        out.add(new Reading(file, en, fields, warnings).intent(words));
      }
    }
    return out;
  }

  /** One intent's words read against its English. */
  private record Reading(String file, Intent en, YamlFields fields, List<Problem> warnings) {
    Intent intent(YamlNode.Mapping words) {
      String p = en.id() + ".";
      fields.checkFields(words, FIELDS, p);
      String title = text(words, "title", en.title(), p);
      String summary = text(words, "summary", en.summary(), p);
      Optional<SlashCommand> command = en.command().map(c -> new SlashCommand(c.name(),
          text(words, "command_description", c.description(), p)));
      String intro = text(words, "intro", en.intro(), p);
      String answer = text(words, "answer", en.answer(), p);
      List<String> steps = list(words, "steps", en.steps(), p);
      Optional<Slot> slot = en.slot().map(s -> slot(words, s, p));
      String outro = text(words, "outro", en.outro(), p);
      List<Variant> variants = variants(words, en.variants(), p);
      return new Intent(en.id(), title, summary, command, en.examples(), intro, answer, steps, slot, outro,
          en.followUps(), en.callsStaff(), en.source(), en.before(), variants, en.requiresWords());
    }

    private Slot slot(YamlNode.Mapping words, Slot s, String p) {
      YamlNode.Entry entry = words.entries().get("slot");
      if (entry == null) {
        warn(words, p + "slot");
        return s;
      }
      if (!(entry.value() instanceof YamlNode.Mapping slot)) {
        fields.problem(entry.value(), "'" + p + "slot' is " + entry.value().kind() + "; expected a mapping");
        return s;
      }
      String sp = p + "slot.";
      fields.checkFields(slot, SLOT_FIELDS, sp);
      String question = text(slot, "question", s.question(), sp);
      String description = text(slot, "description", s.description(), sp);
      String bothNote = text(slot, "both_note", s.bothNote(), sp);
      String elsewhereReply = text(slot, "elsewhere_reply", s.elsewhereReply(), sp);
      List<SlotValue> values = new ArrayList<>();
      YamlNode.Entry valuesEntry = slot.entries().get("values");
      YamlNode.Mapping given = valuesEntry != null && valuesEntry.value() instanceof YamlNode.Mapping m ? m : null;
      if (valuesEntry == null) {
        warn(slot, sp + "values");
      } else if (given == null) {
        fields.problem(valuesEntry.value(), "'" + sp + "values' is " + valuesEntry.value().kind()
            + "; expected a mapping of the English values' ids");
      } else {
        for (YamlNode.Entry v : given.entries().values()) {
          if (s.value(v.key()).isEmpty()) {
            fields.problems().add(new Problem(file, v.keyLine(), v.keyColumn(), "'" + v.key() + "' is not a value of "
                + sp.substring(0, sp.length() - 1) + "; expected one of "
                + s.values().stream().map(SlotValue::id).toList()));
          }
        }
      }
      for (SlotValue value : s.values()) {
        YamlNode.Entry v = given == null ? null : given.entries().get(value.id());
        String vp = sp + "values." + value.id() + ".";
        if (v == null || !(v.value() instanceof YamlNode.Mapping vm)) {
          if (given != null) {
            warn(given, vp.substring(0, vp.length() - 1));
          }
          values.add(value);
          continue;
        }
        fields.checkFields(vm, VALUE_FIELDS, vp);
        values.add(new SlotValue(value.id(), text(vm, "label", value.label(), vp), value.synonyms(),
            list(vm, "steps", value.steps(), vp)));
      }
      return new Slot(s.name(), question, description, values, s.both(), bothNote, s.elsewhere(), elsewhereReply);
    }

    private List<Variant> variants(YamlNode.Mapping words, List<Variant> english, String p) {
      YamlNode.Entry entry = words.entries().get("variants");
      if (english.isEmpty() && entry == null) {
        return english;
      }
      if (entry == null) {
        warn(words, p + "variants");
        return english;
      }
      if (!(entry.value() instanceof YamlNode.Sequence list) || list.items().size() != english.size()) {
        fields.problem(entry.value(), "'" + p + "variants' has " + (entry.value() instanceof YamlNode.Sequence l
            ? l.items().size() + " entries" : "no list") + "; expected " + english.size() + ", one for each of the "
            + "English file's variants, in its order");
        return english;
      }
      List<Variant> out = new ArrayList<>();
      for (int i = 0; i < english.size(); i++) {
        Variant v = english.get(i);
        String vp = p + "variants[" + i + "].";
        if (!(list.items().get(i) instanceof YamlNode.Mapping vm)) {
          fields.problem(list.items().get(i), "'" + vp.substring(0, vp.length() - 1) + "' is not a mapping; expected "
              + (v.note().isPresent() ? "note" : "answer"));
          out.add(v);
          continue;
        }
        fields.checkFields(vm, VARIANT_FIELDS, vp);
        out.add(new Variant(v.when(), v.unless(), v.note().map(n -> text(vm, "note", n, vp)),
            v.answer().map(a -> text(vm, "answer", a, vp))));
      }
      return out;
    }

    /** The field's translation, or {@code english} (with a warning) when the file leaves it out. */
    private String text(YamlNode.Mapping map, String key, String english, String prefix) {
      if (english == null || english.isEmpty()) {
        if (map.entries().containsKey(key)) {
          fields.problem(map.entries().get(key).value(), "'" + prefix + key + "' has no English to translate; "
              + "expected it left out");
        }
        return english;
      }
      String text = fields.optionalString(map, key, prefix);
      if (text == null) {
        if (!map.entries().containsKey(key)) {
          warn(map, prefix + key);
        }
        return english;
      }
      if (text.length() > MAX_TEXT) {
        fields.problem(map.entries().get(key).value(), "'" + prefix + key + "' is " + text.length()
            + " characters; expected at most " + MAX_TEXT);
      }
      return text.strip();
    }

    /** The translated steps: as many as the English has, or the English ones (with a warning). */
    private List<String> list(YamlNode.Mapping map, String key, List<String> english, String prefix) {
      if (english.isEmpty() && !map.entries().containsKey(key)) {
        return english;
      }
      YamlNode.Entry entry = map.entries().get(key);
      if (entry == null) {
        warn(map, prefix + key);
        return english;
      }
      List<String> steps = fields.stringList(map, key, prefix, false);
      if (steps == null) {
        return english; // not a list: said so
      }
      if (steps.size() != english.size()) {
        fields.problem(entry.value(), "'" + prefix + key + "' has " + steps.size() + " steps; expected "
            + english.size() + ", the English file's, in its order");
        return english;
      }
      return steps.stream().map(String::strip).toList();
    }

    private void warn(YamlNode at, String path) {
      warnings.add(new Problem(file, at.line(), at.column(), "'" + path + "' is not translated; English is used"));
    }
  }
}
