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

  StartingConversations(CompletableFuture<? extends Conversations> ready, List<CommandSpec> commands) {
    this.ready = ready;
    this.commands = List.copyOf(commands);
  }

  private Conversations ready() {
    return ready.join();
  }

  @Override
  public Reply handle(ConversationKey key, Input input) {
    return ready().handle(key, input);
  }

  @Override
  public Optional<Reply> answerIfUnderstood(ConversationKey key, String text, BooleanSupplier admit) {
    return ready().answerIfUnderstood(key, text, admit);
  }

  @Override
  public Reply command(ConversationKey key, String commandName, Map<String, String> options) {
    return ready().command(key, commandName, options);
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
    return ready().text(key, args);
  }

  @Override
  public String language(String text) {
    return ready().language(text);
  }
}
