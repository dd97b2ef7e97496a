package app.offramp.core.port.in;

import java.util.List;

/**
 * Intent files read and checked, not yet in use: a front registers {@link #commands()} where it
 * must (Discord), and only then {@link #commit()}s, so a refused registration leaves the intents in
 * use untouched. When {@link #ok()} is false, {@link #problems()} says why and there is nothing to
 * commit.
 */
public interface PreparedReload {
  boolean ok();

  /** One line: what the new intents hold ("10 intents, 420 examples"). */
  String summary();

  /** Problems, each "file:line:col: message"; empty when ok. */
  List<String> problems();

  List<CommandSpec> commands();

  /** Swaps the new intents in; conversations in flight keep their state. */
  void commit();
}
