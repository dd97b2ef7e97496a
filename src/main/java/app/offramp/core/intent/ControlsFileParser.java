package app.offramp.core.intent;

import java.text.Normalizer;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads {@code controls.yaml} into {@link Controls}, every problem located. A phrase that two
 * controls claim (after case, accents and apostrophes are folded) is refused: "next" cannot also
 * mean stop. Courtesies are single words, each of one kind.
 */
final class ControlsFileParser {
  static final String FILE_NAME = "controls.yaml";
  private static final Pattern ONE_WORD = Pattern.compile("[\\p{L}\\p{N}]+");

  private ControlsFileParser() {}

  static Optional<Controls> parse(String file, YamlNode root, List<Problem> problems) {
    int before = problems.size();
    YamlFields fields = new YamlFields(file, problems);
    if (!(root instanceof YamlNode.Mapping map)) {
      fields.problem(root, "the file is " + root.kind() + "; expected a mapping with next, back, done, stop, all, "
          + "affirm, deny and small_talk");
      return Optional.empty();
    }
    List<String> keys = new java.util.ArrayList<>();
    for (Controls.Typed t : Controls.Typed.values()) {
      keys.add(key(t));
    }
    keys.add("small_talk");
    for (Controls.Cue c : Controls.Cue.values()) {
      keys.add(key(c));
    }
    keys.add("languages");
    fields.checkFields(map, keys, "");
    Map<Controls.Typed, List<String>> typed = new EnumMap<>(Controls.Typed.class);
    Map<String, String> claimed = new HashMap<>();
    for (Controls.Typed t : Controls.Typed.values()) {
      List<String> phrases = fields.stringList(map, key(t), "", true);
      if (phrases == null) {
        continue;
      }
      for (int i = 0; i < phrases.size(); i++) {
        check(fields, claimed, phrases.get(i), key(t), key(t) + "[" + i + "]", problems, file, false);
      }
      typed.put(t, phrases);
    }
    Map<Controls.Courtesy, List<String>> smallTalk = new EnumMap<>(Controls.Courtesy.class);
    List<String> filler = List.of();
    YamlNode.Entry talk = map.entries().get("small_talk");
    if (talk == null) {
      fields.problem(map, "missing required field 'small_talk'; expected a mapping of never_mind, thanks, bye, "
          + "greeting, acknowledge and filler to lists of words");
    } else if (!(talk.value() instanceof YamlNode.Mapping kinds)) {
      fields.problem(talk.value(), "'small_talk' is " + talk.value().kind() + "; expected a mapping of kinds to words");
    } else {
      List<String> kindKeys = new java.util.ArrayList<>();
      for (Controls.Courtesy c : Controls.Courtesy.values()) {
        kindKeys.add(key(c));
      }
      kindKeys.add("filler");
      fields.checkFields(kinds, kindKeys, "small_talk.");
      Map<String, String> words = new HashMap<>();
      for (Controls.Courtesy c : Controls.Courtesy.values()) {
        List<String> list = fields.stringList(kinds, key(c), "small_talk.", true);
        if (list == null) {
          continue;
        }
        for (int i = 0; i < list.size(); i++) {
          check(fields, words, list.get(i), key(c), "small_talk." + key(c) + "[" + i + "]", problems, file, true);
        }
        smallTalk.put(c, list);
      }
      List<String> fill = fields.stringList(kinds, "filler", "small_talk.", true);
      if (fill != null) {
        for (int i = 0; i < fill.size(); i++) {
          check(fields, words, fill.get(i), "filler", "small_talk.filler[" + i + "]", problems, file, true);
        }
        filler = fill;
      }
    }
    Map<Controls.Cue, List<String>> cues = new EnumMap<>(Controls.Cue.class);
    for (Controls.Cue c : Controls.Cue.values()) {
      List<String> phrases = fields.stringList(map, key(c), "", c != Controls.Cue.ASK && c != Controls.Cue.SHOW_ALL);
      if (phrases == null) {
        continue;
      }
      Map<String, String> seen = new HashMap<>();
      for (int i = 0; i < phrases.size(); i++) {
        check(fields, seen, phrases.get(i), key(c), key(c) + "[" + i + "]", problems, file, false);
      }
      cues.put(c, phrases);
    }
    Map<String, List<String>> languages = new java.util.TreeMap<>();
    YamlNode.Entry langs = map.entries().get("languages");
    if (langs != null && !(langs.value() instanceof YamlNode.Mapping)) {
      fields.problem(langs.value(), "'languages' is " + langs.value().kind() + "; expected a mapping of language codes "
          + "(en, es) to the words that name them");
    } else if (langs != null) {
      YamlNode.Mapping codes = (YamlNode.Mapping) langs.value();
      Map<String, String> seen = new HashMap<>();
      for (YamlNode.Entry code : codes.entries().values()) {
        if (!TranslationFileParser.LANGUAGE.matcher(code.key()).matches()) {
          problems.add(new Problem(file, code.keyLine(), code.keyColumn(), "'" + code.key() + "' is not a language code; "
              + "expected two lower-case letters, such as es"));
          continue;
        }
        List<String> names = fields.stringList(codes, code.key(), "languages.", true);
        if (names == null) {
          continue;
        }
        for (int i = 0; i < names.size(); i++) {
          check(fields, seen, names.get(i), "languages." + code.key(), "languages." + code.key() + "[" + i + "]",
              problems, file, false);
        }
        languages.put(code.key(), names);
      }
    }
    if (problems.size() > before) {
      return Optional.empty();
    }
    return Optional.of(new Controls(typed, smallTalk, filler, cues, languages));
  }

  private static void check(YamlFields fields, Map<String, String> claimed, String phrase, String owner, String path,
      List<Problem> problems, String file, boolean oneWord) {
    int[] at = fields.at(path);
    String key = fold(phrase);
    if (phrase.length() > Controls.MAX_PHRASE) {
      problems.add(new Problem(file, at[0], at[1], "'" + phrase + "' is " + phrase.length()
          + " characters; expected at most " + Controls.MAX_PHRASE + ", what a member types alone"));
    }
    if (key.isEmpty()) {
      problems.add(new Problem(file, at[0], at[1], "'" + phrase + "' has no letters or digits; expected a word"));
      return;
    }
    if (oneWord && !ONE_WORD.matcher(key).matches()) {
      problems.add(new Problem(file, at[0], at[1], "'" + phrase + "' is more than one word; expected one word "
          + "(put the other words of a courtesy in small_talk.filler)"));
      return;
    }
    String first = claimed.putIfAbsent(key, owner);
    if (first != null) {
      problems.add(new Problem(file, at[0], at[1], "'" + phrase + "' is already listed under " + first
          + "; expected each word in one place only"));
    }
  }

  static String key(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  static String fold(String text) {
    return Controls.fold(text);
  }
}
