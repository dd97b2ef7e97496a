package app.offramp.cli;

import app.offramp.core.conversation.ConversationKey;
import app.offramp.core.conversation.Input;
import app.offramp.core.conversation.Reply;
import app.offramp.core.port.in.CommandSpec;
import app.offramp.core.port.in.Conversations;
import app.offramp.core.port.in.PreparedReload;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * The conversations while they are still being built, so {@code serve} can connect to Discord in
 * parallel with loading the sentence model and fitting the matcher (together about 2.5 s, the
 * larger half of start-up). The intents are already loaded and checked, so the slash commands are
 * known at once; a question that arrives early waits for the matcher, off JDA's event thread (in
 * the front's message lanes), and is answered as soon as it is ready.
 */
final class StartingConversations implements Conversations {
  private final CompletableFuture<? extends Conversations> ready;
  private final List<CommandSpec> commands;

  private final java.util.SortedSet<String> startLanguages;
  private final Map<String, List<CommandSpec>> startCommands;

  StartingConversations(CompletableFuture<? extends Conversations> ready, List<CommandSpec> commands) {
    this(ready, commands, new java.util.TreeSet<>(List.of("en")), Map.of());
  }

  /**
   * From the loaded intents: the languages, each one's commands and every sentence are known
   * before the matcher is ready, so the slash commands are registered in every language at once.
   */
  StartingConversations(CompletableFuture<? extends Conversations> ready, app.offramp.core.intent.IntentCatalog catalog) {
    this(ready, app.offramp.core.service.ConversationService.commands(catalog), catalog.languages(),
        byLanguage(catalog));
    this.catalog = catalog;
  }

  private static Map<String, List<CommandSpec>> byLanguage(app.offramp.core.intent.IntentCatalog catalog) {
    Map<String, List<CommandSpec>> out = new java.util.HashMap<>();
    catalog.languages().forEach(l -> out.put(l, app.offramp.core.service.ConversationService.commands(catalog.in(l))));
    return out;
  }

  /** The intents loaded at start (their words serve until the conversations are ready), if given. */
  private app.offramp.core.intent.IntentCatalog catalog;

  /** With the languages and each one's commands, known from the intents before the matcher is ready. */
  StartingConversations(CompletableFuture<? extends Conversations> ready, List<CommandSpec> commands,
      java.util.SortedSet<String> languages, Map<String, List<CommandSpec>> commandsByLanguage) {
    this.ready = ready;
    this.commands = List.copyOf(commands);
    this.startLanguages = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(languages));
    this.startCommands = Map.copyOf(commandsByLanguage);
  }

  private Conversations ready() {
    return ready.join();
  }

  @Override
  public Reply handle(ConversationKey key, Input input, Optional<String> locale) {
    return ready().handle(key, input, locale);
  }

  @Override
  public Optional<Reply> answerIfUnderstood(ConversationKey key, String text, BooleanSupplier admit,
      Optional<String> locale, boolean mentioned) {
    return ready().answerIfUnderstood(key, text, admit, locale, mentioned);
  }

  @Override
  public Reply command(ConversationKey key, String commandName, Map<String, String> options, Optional<String> locale) {
    return ready().command(key, commandName, options, locale);
  }

  @Override
  public java.util.SortedSet<String> languages() {
    return ready.isDone() && !ready.isCompletedExceptionally() ? ready().languages() : startLanguages;
  }

  @Override
  public List<CommandSpec> commands(String language) {
    return ready.isDone() && !ready.isCompletedExceptionally() ? ready().commands(language)
        : startCommands.getOrDefault(language, commands);
  }

  @Override
  public boolean isActive(ConversationKey key) {
    return ready().isActive(key);
  }

  @Override
  public void reset(ConversationKey key) {
    ready().reset(key);
  }

  @Override
  public List<CommandSpec> commands() {
    return ready.isDone() && !ready.isCompletedExceptionally() ? ready().commands() : commands;
  }

  @Override
  public PreparedReload prepareReload() {
    return ready().prepareReload();
  }

  @Override
  public void release(ConversationKey key) {
    ready().release(key);
  }

  @Override
  public String text(String key, Object... args) {
    return textIn(app.offramp.core.intent.IntentCatalog.DEFAULT_LANGUAGE, key, args);
  }

  @Override
  public String textIn(String language, String key, Object... args) {
    if (catalog != null && !ready.isDone()) {
      return catalog.say(language, key, args);
    }
    return ready().textIn(language, key, args);
  }

  @Override
  public String language(String text) {
    return ready().language(text);
  }
}
