package app.offramp.core.intent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The loaded, validated intents, in a stable order (help first, then by file name), and the
 * out-of-scope examples ({@code none.yaml}): questions members ask that are not ours, which the
 * matcher learns to refuse. They are not a topic: never answered, offered or commanded.
 */
public final class IntentCatalog {
  private final List<Intent> intents;
  private final List<String> outOfScopeExamples;
  private final ServiceNames services;
  private final Controls controls;
  private final Messages messages;
  private final Map<String, Intent> byId = new LinkedHashMap<>();
  /** The same topics in other languages, by code ("es"); English is this catalog itself. */
  private final Map<String, IntentCatalog> languages;
  /** What validate reports without failing: pieces of a translation left in English. */
  private final List<Problem> warnings;

  public IntentCatalog(List<Intent> intents, List<String> outOfScopeExamples, ServiceNames services,
      Controls controls, Messages messages) {
    this(intents, outOfScopeExamples, services, controls, messages, Map.of(), List.of());
  }

  public IntentCatalog(List<Intent> intents, List<String> outOfScopeExamples, ServiceNames services,
      Controls controls, Messages messages, Map<String, IntentCatalog> languages, List<Problem> warnings) {
    this.languages = Map.copyOf(languages);
    this.warnings = List.copyOf(warnings);
    this.intents = List.copyOf(intents);
    this.outOfScopeExamples = List.copyOf(outOfScopeExamples);
    this.services = services;
    this.controls = controls;
    this.messages = java.util.Objects.requireNonNull(messages, "messages");
    for (Intent intent : intents) {
      if (byId.putIfAbsent(intent.id(), intent) != null) {
        throw new IllegalArgumentException("duplicate intent id '" + intent.id() + "'");
      }
    }
  }

  public List<Intent> intents() {
    return intents;
  }

  public List<String> outOfScopeExamples() {
    return outOfScopeExamples;
  }

  /** Which service the content is about and which others members name; {@link ServiceNames#NONE} without the file. */
  public ServiceNames services() {
    return services;
  }

  /** The same catalog with other intents and out-of-scope examples (for benchmarks that grow it). */
  public IntentCatalog with(List<Intent> intents, List<String> outOfScopeExamples) {
    return new IntentCatalog(intents, outOfScopeExamples, services, controls, messages, languages, warnings);
  }

  /** The language of this catalog's own words. */
  public static final String DEFAULT_LANGUAGE = "en";

  /** "en" and the languages translated beside the intents ({@code i18n/<code>.yaml}, {@code messages/<code>.yaml}). */
  public java.util.SortedSet<String> languages() {
    java.util.SortedSet<String> all = new java.util.TreeSet<>(languages.keySet());
    all.add(DEFAULT_LANGUAGE);
    return all;
  }

  /** The topics and sentences in {@code language}; English (this catalog) for a language not translated. */
  public IntentCatalog in(String language) {
    return languages.getOrDefault(language, this);
  }

  /**
   * A sentence of the messages file in {@code language} (English when there is none) by its key,
   * placeholders filled from name, value pairs; {@code {service}} is the service's name from
   * services.yaml unless given.
   *
   * @throws IllegalArgumentException for a key the messages files do not have
   */
  public String say(String language, String key, Object... args) {
    Text text = Text.byKey(key).orElseThrow(() -> new IllegalArgumentException("no message " + key));
    IntentCatalog in = in(language);
    if (text.placeholders().contains("service") && !java.util.Arrays.asList(args).contains("service")) {
      Object[] more = java.util.Arrays.copyOf(args, args.length + 2);
      more[args.length] = "service";
      more[args.length + 1] = services.service().isEmpty() ? "this" : services.service();
      return in.messages().get(text, more);
    }
    return in.messages().get(text, args);
  }

  /** Pieces of the translations left in English (validate lists them; the bot runs). */
  public List<Problem> warnings() {
    return warnings;
  }

  /** The engine's own sentences (buttons, notices, small talk), from {@code messages/en.yaml}. */
  public Messages messages() {
    return messages;
  }

  /** What members type to move through a walk-through and to be polite, in every language. */
  public Controls controls() {
    return controls;
  }

  public Optional<Intent> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public Intent get(String id) {
    Intent intent = byId.get(id);
    if (intent == null) {
      throw new IllegalArgumentException("no intent with id '" + id + "'; known: " + byId.keySet());
    }
    return intent;
  }

  public int exampleCount() {
    return intents.stream().mapToInt(i -> i.examples().size()).sum();
  }

  /**
   * The topics offered in menus: the help intent's follow-ups in their order when it lists any
   * (so admins order the menu in YAML), else every intent but help itself.
   */
  public List<Intent> topics() {
    Intent help = byId.get(HELP_ID);
    if (help != null && !help.followUps().isEmpty()) {
      return help.followUps().stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }
    return intents.stream().filter(i -> !i.id().equals(HELP_ID)).toList();
  }

  public static final String HELP_ID = "help";
  /** The id of the out-of-scope file, and the label of out-of-scope questions in evaluation data. */
  public static final String OUT_OF_SCOPE_ID = "none";
  public static final String SUPPORT_ID = "support";
  public static final String HUMAN_ID = "human";
}
