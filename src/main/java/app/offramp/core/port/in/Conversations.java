package app.offramp.core.port.in;

import app.offramp.core.conversation.ConversationKey;
import app.offramp.core.conversation.Input;
import app.offramp.core.conversation.Reply;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What a front can ask of the core. Each call is one atomic turn of one conversation.
 */
public interface Conversations {
  /** One turn: typed text, a picked choice or a command; the state is kept as the engine says. */
  default Reply handle(ConversationKey key, Input input) {
    return handle(key, input, Optional.empty());
  }

  /**
   * One turn, {@code locale} ("es-ES", "de") saying which language the member's client is in, for
   * when their words do not say it (a button, a slash command, "ok").
   */
  Reply handle(ConversationKey key, Input input, Optional<String> locale);

  /**
   * For places where the bot speaks only when it understood (a support channel): runs the text as
   * one atomic turn and keeps the new state only when the reply is an answer or a question and
   * {@code admit} (the front's own check, e.g. a flood guard) agrees; otherwise nothing is kept and
   * nothing is returned.
   */
  default Optional<Reply> answerIfUnderstood(ConversationKey key, String text, BooleanSupplier admit) {
    return answerIfUnderstood(key, text, admit, Optional.empty());
  }

  /** As above, with the member's (or the server's) locale for when the text does not say its language. */
  default Optional<Reply> answerIfUnderstood(ConversationKey key, String text, BooleanSupplier admit,
      Optional<String> locale) {
    return answerIfUnderstood(key, text, admit, locale, false);
  }

  /**
   * As above; {@code mentioned} when the message mentions the bot. A message not understood counts
   * as a miss only when it mentions the bot or asks something; otherwise it is members' chatter.
   */
  Optional<Reply> answerIfUnderstood(ConversationKey key, String text, BooleanSupplier admit, Optional<String> locale,
      boolean mentioned);

  /** A command by the name the front registered ({@link #commands()}), with its option values. */
  default Reply command(ConversationKey key, String commandName, Map<String, String> options) {
    return command(key, commandName, options, Optional.empty());
  }

  /** A command, answered in the language of {@code locale} when the conversation has none yet. */
  Reply command(ConversationKey key, String commandName, Map<String, String> options, Optional<String> locale);

  /** The languages the bot can answer in ("de", "en", "es"…). */
  java.util.SortedSet<String> languages();

  /** The commands with their descriptions in {@code language} (English where it has none). */
  List<CommandSpec> commands(String language);

  /** True while the member has a conversation at that place (not expired). */
  boolean isActive(ConversationKey key);

  void reset(ConversationKey key);

  /** The commands generated from the intents in use. */
  List<CommandSpec> commands();

  /** Reads and checks the intent files again, off the caller's hot path; see {@link PreparedReload}. */
  PreparedReload prepareReload();

  /**
   * Staff were called but did not come in time: the bot answers the member again, from the
   * walk-through put aside if there was one. Nothing happens to a conversation that did not call staff.
   */
  void release(ConversationKey key);

  /**
   * A sentence from the messages file by key ({@code "ticket.claimed"}), its placeholders filled
   * from name, value pairs: every word a member or staff reads lives in a file.
   *
   * @throws IllegalArgumentException for a key the file does not have
   */
  String text(String key, Object... args);

  /** As {@link #text}, in {@code language} (English when the bot has no words in it). */
  String textIn(String language, String key, Object... args);

  /** The language a member's text looks written in, as a code ("en", "es", "de", "fr", "pt"). */
  String language(String text);
}
