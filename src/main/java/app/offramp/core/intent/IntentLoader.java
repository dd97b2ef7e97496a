package app.offramp.core.intent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads every {@code *.yaml} / {@code *.yml} file of a directory into an {@link IntentCatalog}:
 * one intent a file, but for {@code services.yaml} (which service the content is about, and others
 * members name: {@link ServiceNames}) and {@code controls.yaml} (what members type to move on,
 * in every language: {@link Controls}; the project's own, packaged in the jar, when the directory
 * has none).
 * All files are read and checked before anything is returned, so one load reports every problem
 * in every file; a catalog is returned only when there are none.
 */
public final class IntentLoader {
  /** All files together, out-of-scope examples included: about 5 s of encoding at start-up. */
  static final int MAX_TOTAL_EXAMPLES = 5_000;

  private final YamlTreeReader reader = new YamlTreeReader();
  private final Optional<Path> sourceDocument;

  /** Checks that every fact-stating intent names a source; its section is not looked up. */
  public IntentLoader() {
    this(Optional.empty());
  }

  /** Also checks that each intent's {@code source.section} is a heading of this document. */
  public IntentLoader(Optional<Path> sourceDocument) {
    this.sourceDocument = sourceDocument;
  }

  public IntentCatalog load(Path dir) throws IOException, IntentLoadException {
    return load(dir, Optional.empty());
  }

  /**
   * As {@link #load(Path)}, with {@code learned} read in place of the directory's
   * {@value LearnedExamples#FILE_NAME}: a lesson is checked with every other file before it is written.
   */
  public IntentCatalog load(Path dir, Optional<LearnedExamples> learned) throws IOException, IntentLoadException {
    if (!Files.exists(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "intents directory does not exist");
    }
    if (!Files.isDirectory(dir)) {
      throw new NotDirectoryException(dir.toString());
    }
    List<Path> files;
    List<Problem> skipped = new ArrayList<>();
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> {
        String name = p.getFileName().toString();
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (!lower.endsWith(".yaml") && !lower.endsWith(".yml")) {
          return false;
        }
        // Reported rather than silently passed over: the admin meant these to be intents.
        if (name.equals(LearnedExamples.FILE_NAME)) {
        return false; // read after the intents, whose examples it adds to
      }
      if (!name.endsWith(".yaml") && !name.endsWith(".yml")) {
          skipped.add(new Problem(p.toString(), 0, 0, "skipped: the extension is not lower case; expected "
              + name.substring(0, name.lastIndexOf('.')) + ".yaml"));
          return false;
        }
        if (!Files.isRegularFile(p)) {
          skipped.add(new Problem(p.toString(), 0, 0, Files.isDirectory(p) ? "skipped: a directory, not a file"
              : "skipped: not a regular file (a broken or looping link?); expected an intent file"));
          return false;
        }
        return true;
      }).sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
    }
    List<Problem> problems = new ArrayList<>(skipped);
    if (files.isEmpty() && skipped.isEmpty()) {
      problems.add(new Problem(dir.toString(), 0, 0, "no intent files; expected *.yaml files, one intent each"));
      throw new IntentLoadException(problems);
    }
    List<IntentFileParser.Parsed> parsed = new ArrayList<>();
    Optional<ServicesFileParser.Parsed> services = Optional.empty();
    Optional<Controls> controls = Optional.empty();
    boolean controlsFile = false;
    for (Path file : files) {
      String name = file.toString();
      byte[] bytes;
      long size = Files.size(file);
      if (size > YamlTreeReader.MAX_BYTES) {
        problems.add(new Problem(name, 0, 0, "file is " + size + " bytes; an intent file may be at most "
            + YamlTreeReader.MAX_BYTES + " bytes (1 MiB)"));
        continue;
      }
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        problems.add(new Problem(name, 0, 0, "could not be read: " + e.getClass().getSimpleName()));
        continue;
      }
      YamlNode root = reader.read(name, bytes, problems);
      if (root == null) {
        continue;
      }
      if (file.getFileName().toString().equals(ServicesFileParser.FILE_NAME)) {
        services = ServicesFileParser.parse(name, root, problems);
      } else if (file.getFileName().toString().equals(ControlsFileParser.FILE_NAME)) {
        controlsFile = true;
        controls = ControlsFileParser.parse(name, root, problems);
      } else {
        IntentFileParser.parse(name, root, problems).ifPresent(parsed::add);
      }
    }
    if (!controlsFile) {
      controls = builtIn(ControlsFileParser.FILE_NAME, ControlsFileParser::parse, problems);
    }
    Optional<Messages> messages = readMessages(dir, problems);
    new CatalogRules(parsed, problems, messages).check();
    Optional<LearnedFileParser.Parsed> lessons = readLearned(dir, learned, problems);
    if (lessons.isPresent()) {
      LearnedRules.apply(parsed, lessons.get(), problems);
    }
    services.ifPresent(s -> checkSwitchingIntent(s, parsed, problems));
    checkSources(parsed, problems, dir);
    int total = parsed.stream().mapToInt(p -> p.intent().examples().size()).sum();
    if (total > MAX_TOTAL_EXAMPLES) {
      problems.add(new Problem(dir.toString(), 0, 0, total + " examples in all; expected at most " + MAX_TOTAL_EXAMPLES
          + " (each is encoded at start-up and on every reload)"));
    }
    List<Intent> intents = new ArrayList<>(parsed.stream().map(IntentFileParser.Parsed::intent)
        .filter(i -> !i.id().equals(IntentCatalog.OUT_OF_SCOPE_ID)).toList());
    List<String> outOfScope = parsed.stream().map(IntentFileParser.Parsed::intent)
        .filter(i -> i.id().equals(IntentCatalog.OUT_OF_SCOPE_ID)).flatMap(i -> i.examples().stream()).toList();
    // Help first: it is the menu, and menus list topics in catalog order.
    intents.sort(Comparator.comparing(i -> !i.id().equals(IntentCatalog.HELP_ID)));
    ServiceNames serviceNames = services.map(ServicesFileParser.Parsed::names).orElse(ServiceNames.NONE);
    Controls controlWords = controls.orElse(Controls.NONE);
    List<Problem> warnings = new ArrayList<>();
    Map<String, IntentCatalog> languages = new java.util.TreeMap<>();
    for (String language : translatedLanguages(dir, problems)) {
      List<Intent> translated = readTranslation(dir, language, intents, problems, warnings);
      Optional<Messages> words = readMessages(dir, language, problems, warnings);
      if (messages.isPresent()) {
        languages.put(language, new IntentCatalog(translated, outOfScope, serviceNames, controlWords,
            words.orElse(messages.get())));
      }
    }
    if (!problems.isEmpty()) {
      throw new IntentLoadException(problems);
    }
    return new IntentCatalog(intents, outOfScope, serviceNames, controlWords, messages.orElseThrow(), languages, warnings);
  }

  /** {@value LearnedExamples#FILE_NAME} of {@code dir}, empty (no lessons) when there is none. */
  public LearnedExamples learned(Path dir) throws IOException, IntentLoadException {
    List<Problem> problems = new ArrayList<>();
    Optional<LearnedFileParser.Parsed> parsed = readLearned(dir, Optional.empty(), problems);
    if (!problems.isEmpty()) {
      throw new IntentLoadException(problems);
    }
    return parsed.map(LearnedFileParser.Parsed::learned).orElse(LearnedExamples.NONE);
  }

  /** A learned file's text (as another process sent it) read and checked on its own. */
  public LearnedExamples learned(String name, byte[] bytes) throws IntentLoadException {
    List<Problem> problems = new ArrayList<>();
    YamlNode root = reader.read(name, bytes, problems);
    Optional<LearnedFileParser.Parsed> parsed = root == null ? Optional.empty()
        : LearnedFileParser.parse(name, root, problems);
    if (!problems.isEmpty()) {
      throw new IntentLoadException(problems);
    }
    return parsed.map(LearnedFileParser.Parsed::learned).orElse(LearnedExamples.NONE);
  }

  private Optional<LearnedFileParser.Parsed> readLearned(Path dir, Optional<LearnedExamples> given, List<Problem> problems)
      throws IOException {
    Path file = dir.resolve(LearnedExamples.FILE_NAME);
    byte[] bytes;
    if (given.isPresent()) {
      bytes = given.get().toYaml().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    } else if (Files.isRegularFile(file)) {
      bytes = Files.readAllBytes(file);
      if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).lines()
          .allMatch(l -> l.isBlank() || l.strip().startsWith("#"))) {
        return Optional.empty(); // empty, or comments only: no lessons yet
      }
    } else {
      return Optional.empty();
    }
    YamlNode root = reader.read(file.toString(), bytes, problems);
    return root == null ? Optional.empty() : LearnedFileParser.parse(file.toString(), root, problems);
  }

  /** The languages with a file in {@code i18n/} or {@code messages/} (but English), by their two-letter code. */
  private static java.util.SortedSet<String> translatedLanguages(Path dir, List<Problem> problems) throws IOException {
    java.util.SortedSet<String> languages = new java.util.TreeSet<>();
    for (String sub : List.of(TranslationFileParser.DIR, "messages")) {
      Path d = dir.resolve(sub);
      if (!Files.isDirectory(d)) {
        continue;
      }
      try (Stream<Path> list = Files.list(d)) {
        for (Path f : list.sorted().toList()) {
          String name = f.getFileName().toString();
          if (!name.endsWith(".yaml")) {
            continue;
          }
          String code = name.substring(0, name.length() - ".yaml".length());
          if (!TranslationFileParser.LANGUAGE.matcher(code).matches()) {
            problems.add(new Problem(f.toString(), 0, 0, "'" + code + "' is not a language code; expected two "
                + "lower-case letters, such as es.yaml"));
          } else if (!code.equals(IntentCatalog.DEFAULT_LANGUAGE)) {
            languages.add(code);
          }
        }
      }
    }
    return languages;
  }

  /** {@code i18n/<language>.yaml} read against the English intents; the English ones when there is none. */
  private List<Intent> readTranslation(Path dir, String language, List<Intent> english, List<Problem> problems,
      List<Problem> warnings) throws IOException {
    Path file = dir.resolve(TranslationFileParser.DIR).resolve(language + ".yaml");
    if (!Files.exists(file)) {
      warnings.add(new Problem(file.toString(), 0, 0, "missing: the topics' words in '" + language + "' are English"));
      return english;
    }
    YamlNode root = readBounded(file, problems);
    return root == null ? english
        : TranslationFileParser.parse(file.toString(), language, root, english, problems, warnings);
  }

  /** {@code messages/<language>.yaml}: every key, as the English; empty (English used) when there is none. */
  private Optional<Messages> readMessages(Path dir, String language, List<Problem> problems, List<Problem> warnings)
      throws IOException {
    Path file = dir.resolve("messages").resolve(language + ".yaml");
    if (!Files.exists(file)) {
      warnings.add(new Problem(file.toString(), 0, 0, "missing: the bot's own sentences in '" + language
          + "' are English"));
      return Optional.empty();
    }
    YamlNode root = readBounded(file, problems);
    return root == null ? Optional.empty() : Messages.parse(file.toString(), root, problems);
  }

  private YamlNode readBounded(Path file, List<Problem> problems) throws IOException {
    if (Files.size(file) > YamlTreeReader.MAX_BYTES) {
      problems.add(new Problem(file.toString(), 0, 0, "file is " + Files.size(file) + " bytes; expected at most "
          + YamlTreeReader.MAX_BYTES + " (1 MiB)"));
      return null;
    }
    return reader.read(file.toString(), Files.readAllBytes(file), problems);
  }

  /** A file of the project's, packaged in the jar, read as {@code parser} reads it. */
  private <T> Optional<T> builtIn(String path, Parser<T> parser, List<Problem> problems) {
    String name = path + " (built in)";
    try (var in = IntentLoader.class.getResourceAsStream(BUILT_IN + path)) {
      if (in == null) {
        problems.add(new Problem(name, 0, 0, "missing from the jar; expected " + BUILT_IN + path
            + " (or " + path + " in the intents directory)"));
        return Optional.empty();
      }
      YamlNode root = reader.read(name, in.readAllBytes(), problems);
      return root == null ? Optional.empty() : parser.parse(name, root, problems);
    } catch (IOException e) {
      problems.add(new Problem(name, 0, 0, "could not be read: " + e.getClass().getSimpleName()));
      return Optional.empty();
    }
  }

  private interface Parser<T> {
    Optional<T> parse(String file, YamlNode root, List<Problem> problems);
  }

  /**
   * {@code messages/en.yaml} of the intents directory, or the project's own from the jar: an admin
   * who changes the wording edits that file; one who keeps only intents still gets every sentence.
   */
  private Optional<Messages> readMessages(Path dir, List<Problem> problems) throws IOException {
    Path file = dir.resolve(Messages.FILE);
    if (!Files.exists(file)) {
      return builtIn(Messages.FILE, Messages::parse, problems);
    }
    String name = file.toString();
    if (Files.size(file) > YamlTreeReader.MAX_BYTES) {
      problems.add(new Problem(name, 0, 0, "file is " + Files.size(file) + " bytes; expected at most "
          + YamlTreeReader.MAX_BYTES + " (1 MiB)"));
      return Optional.empty();
    }
    YamlNode root = reader.read(name, Files.readAllBytes(file), problems);
    return root == null ? Optional.empty() : Messages.parse(name, root, problems);
  }

  /** Where the build puts the project's own controls.yaml and messages/en.yaml in the jar. */
  static final String BUILT_IN = "/offramp/";

  /** {@code switching.intent} in services.yaml names a topic that answers, not none or a staff call. */
  private static void checkSwitchingIntent(ServicesFileParser.Parsed services, List<IntentFileParser.Parsed> parsed,
      List<Problem> problems) {
    services.names().switchingIntent().ifPresent(id -> {
      boolean known = parsed.stream().map(IntentFileParser.Parsed::intent)
          .anyMatch(i -> i.id().equals(id) && !i.id().equals(IntentCatalog.OUT_OF_SCOPE_ID) && !i.callsStaff());
      if (!known) {
        int[] at = services.switchingIntentAt();
        problems.add(new Problem(services.file(), at[0], at[1], "switching.intent '" + id + "' names no topic; expected "
            + "one of " + parsed.stream().map(p -> p.intent().id())
                .filter(i -> !i.equals(IntentCatalog.OUT_OF_SCOPE_ID)).sorted().toList()));
      }
    });
  }

  /**
   * Every intent that states facts about the subscription names its source, and the section it
   * names is a line of the source document (when one is configured): an answer nobody can trace is
   * an answer nobody can check. The menu ({@code help}), staff calls and {@code none} state none.
   */
  private void checkSources(List<IntentFileParser.Parsed> parsed, List<Problem> problems, Path dir) {
    java.util.Set<String> headings = null;
    if (sourceDocument.isPresent()) {
      Path doc = sourceDocumentFor(dir);
      try {
        headings = new java.util.HashSet<>();
        for (String line : Files.readAllLines(doc)) {
          headings.add(fold(line));
        }
      } catch (IOException e) {
        problems.add(new Problem(doc.toString(), 0, 0, "source document could not be read (" + e.getClass().getSimpleName()
            + "); expected the text the intents cite, set by content.source-document"));
        return;
      }
    }
    for (IntentFileParser.Parsed p : parsed) {
      Intent intent = p.intent();
      boolean statesFacts = !intent.id().equals(IntentCatalog.HELP_ID) && !intent.callsStaff()
          && !intent.id().equals(IntentCatalog.OUT_OF_SCOPE_ID);
      int[] at = p.at("source");
      if (statesFacts && intent.source().isEmpty()) {
        int[] id = p.at("id");
        problems.add(new Problem(p.file(), id[0], id[1], "missing 'source': an intent that states facts names where they "
            + "come from (source: {title, section, verified: YYYY-MM-DD})"));
      }
      if (headings != null && intent.source().isPresent() && !headings.contains(fold(intent.source().get().section()))) {
        int[] section = p.at("source.section");
        problems.add(new Problem(p.file(), section[0], section[1], "source.section '" + intent.source().get().section()
            + "' is not a heading of " + sourceDocument.get() + "; expected one of its lines, word for word"));
      }
    }
  }

  /**
   * The source document, a relative path read beside the intents directory first (its parent holds
   * {@code intents/} and {@code sources/}), then inside it, then from the working directory
   * (regression, issue 23: {@code java -jar} from another directory with {@code --intents} failed
   * on {@code sources/…}).
   */
  Path sourceDocumentFor(Path dir) {
    Path doc = sourceDocument.orElseThrow();
    if (doc.isAbsolute()) {
      return doc;
    }
    Path parent = dir.toAbsolutePath().normalize().getParent();
    for (Path candidate : parent == null ? List.of(dir.resolve(doc)) : List.of(parent.resolve(doc), dir.resolve(doc))) {
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return doc;
  }

  private static String fold(String line) {
    return line.strip().replace('\u2019', '\'').replace('\u2018', '\'').toLowerCase(java.util.Locale.ROOT);
  }

  /** Rules that need the whole set: unique ids, follow-ups that exist, content that fits. */
  private static final class CatalogRules {
    /** Choices beside the follow-ups on a Done reply and beside the topics on the menu. */
    private static final int RESERVED_CHOICES = 2;
    private final List<IntentFileParser.Parsed> parsed;
    private final List<Problem> problems;
    /** The sentences replies are rendered with; empty when the messages file has problems of its own. */
    private final Optional<Messages> messages;

    CatalogRules(List<IntentFileParser.Parsed> parsed, List<Problem> problems, Optional<Messages> messages) {
      this.parsed = parsed;
      this.problems = problems;
      this.messages = messages;
    }

    void check() {
      Map<String, IntentFileParser.Parsed> ids = new HashMap<>();
      Map<String, IntentFileParser.Parsed> commands = new HashMap<>();
      Map<String, IntentFileParser.Parsed> examples = new HashMap<>();
      for (IntentFileParser.Parsed p : parsed) {
        Intent intent = p.intent();
        IntentFileParser.Parsed first = ids.putIfAbsent(intent.id(), p);
        if (first != null) {
          problem(p, "id", "duplicate id '" + intent.id() + "', already used in " + first.file()
              + "; expected each id once");
        }
        Optional<SlashCommand> command = intent.command();
        if (command.isPresent()) {
          IntentFileParser.Parsed other = commands.putIfAbsent(command.get().name(), p);
          if (other != null) {
            problem(p, "command.name", "duplicate command name '" + command.get().name() + "', already used in "
                + other.file() + "; expected each command name once");
          }
        }
        for (int i = 0; i < intent.examples().size(); i++) {
          String key = IntentFileParser.normalize(intent.examples().get(i));
          IntentFileParser.Parsed owner = examples.putIfAbsent(key, p);
          if (owner != null && owner != p) {
            problem(p, "examples[" + i + "]", "example '" + intent.examples().get(i) + "' is also an example of '"
                + owner.intent().id() + "' (" + owner.file() + "); expected each example in one intent only");
          }
        }
        checkRendered(p);
      }
      for (IntentFileParser.Parsed p : parsed) {
        List<String> followUps = p.intent().followUps();
        for (int i = 0; i < followUps.size(); i++) {
          String target = followUps.get(i);
          if (!ids.containsKey(target) || target.equals(IntentCatalog.OUT_OF_SCOPE_ID)) {
            problem(p, "follow_ups[" + i + "]", "follow-up '" + target + "' names no topic; expected one of "
                + ids.keySet().stream().filter(id -> !id.equals(IntentCatalog.OUT_OF_SCOPE_ID)).sorted().toList());
          } else if (target.equals(p.intent().id())) {
            problem(p, "follow_ups[" + i + "]", "follow-up '" + target + "' is the intent itself; expected another intent");
          }
        }
        List<String> before = p.intent().before();
        for (int i = 0; i < before.size(); i++) {
          String target = before.get(i);
          if (!ids.containsKey(target) || target.equals(IntentCatalog.OUT_OF_SCOPE_ID) || target.equals(p.intent().id())) {
            problem(p, "before[" + i + "]", "'" + target + "' in before names no other topic; expected one of "
                + ids.keySet().stream().filter(id -> !id.equals(IntentCatalog.OUT_OF_SCOPE_ID)).sorted().toList());
          }
        }
        if (!before.isEmpty() && !p.intent().hasSteps()) {
          problem(p, "before", "'before' offers topics before a walk-through's steps; this intent has no steps");
        }
        if (followUps.size() + RESERVED_CHOICES > ReplyLimits.CHOICES) {
          problem(p, "follow_ups", followUps.size() + " follow-ups; expected at most "
              + (ReplyLimits.CHOICES - RESERVED_CHOICES) + " so the reply fits Discord's 25 choices");
        }
      }
      long topics = parsed.stream().filter(p -> !p.intent().id().equals(IntentCatalog.OUT_OF_SCOPE_ID)).count();
      if (topics + RESERVED_CHOICES > ReplyLimits.CHOICES && !parsed.isEmpty()) {
        IntentFileParser.Parsed last = parsed.get(parsed.size() - 1);
        problem(last, "id", topics + " intents; the topic menu fits at most "
            + (ReplyLimits.CHOICES - RESERVED_CHOICES) + " (Discord allows 25 choices)");
      }
    }

    /** Renders every reply this intent can produce and checks it against Discord's limits. */
    private void checkRendered(IntentFileParser.Parsed p) {
      Intent intent = p.intent();
      if (!intent.answer().isEmpty()) {
        fits(p, "answer", IntentTexts.answer(intent));
      }
      if (!intent.steps().isEmpty()) {
        checkSteps(p, "steps", intent.steps());
      }
      intent.slot().ifPresent(slot -> {
        fits(p, "slot.question", slot.question());
        for (int v = 0; v < slot.values().size(); v++) {
          checkSteps(p, "slot.values[" + v + "].steps", slot.values().get(v).steps());
        }
      });
      if (intent.hasSteps() && messages.isPresent()) {
        fits(p, "outro", IntentTexts.done(messages.get(), intent));
      }
      for (int v = 0; v < intent.variants().size(); v++) {
        Variant variant = intent.variants().get(v);
        int index = v;
        variant.answer().ifPresent(a -> fits(p, "variants[" + index + "]", IntentTexts.answer(intent, a)));
        // A note goes before the longest reply of the intent: the first step with its intro.
        variant.note().ifPresent(n -> fits(p, "variants[" + index + "]", n + "\n" + longestFirstReply(intent)));
      }
    }

    private String longestFirstReply(Intent intent) {
      String longest = intent.answer().isEmpty() ? "" : IntentTexts.answer(intent);
      if (messages.isPresent()) {
        for (String value : intent.slot().map(s -> s.values().stream().map(SlotValue::id).toList())
            .orElse(List.of(""))) {
          List<String> steps = intent.stepsFor(value);
          if (!steps.isEmpty()) {
            String first = IntentTexts.step(messages.get(), intent, steps, 0);
            longest = first.length() > longest.length() ? first : longest;
          }
        }
      }
      return longest;
    }

    private void checkSteps(IntentFileParser.Parsed p, String path, List<String> steps) {
      if (messages.isEmpty()) {
        return; // its problems are reported; the steps are checked once it reads
      }
      Intent intent = p.intent();
      for (int i = 0; i < steps.size(); i++) {
        fits(p, path + "[" + i + "]", IntentTexts.step(messages.get(), intent, steps, i));
      }
      fits(p, path, IntentTexts.allSteps(messages.get(), intent, steps));
    }

    private void fits(IntentFileParser.Parsed p, String path, String rendered) {
      if (rendered.length() > ReplyLimits.MESSAGE) {
        problem(p, path, "renders to " + rendered.length() + " characters; expected at most "
            + ReplyLimits.MESSAGE + " (Discord's message limit): shorten it or split it into steps");
      }
    }

    private void problem(IntentFileParser.Parsed p, String path, String message) {
      int[] at = p.at(path);
      problems.add(new Problem(p.file(), at[0], at[1], message));
    }
  }
}
