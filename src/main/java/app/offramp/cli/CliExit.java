package app.offramp.cli;

/** Exit codes, the same for every command. */
final class CliExit {
  static final int OK = 0;
  /** The command ran and the content failed its check (validate, evaluate --min-accuracy). */
  static final int FAILED = 1;
  /** Bad input: arguments, settings, missing or malformed files. */
  static final int BAD_INPUT = 2;

  private CliExit() {}
}
