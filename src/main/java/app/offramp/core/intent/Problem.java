package app.offramp.core.intent;

/**
 * One thing wrong with an intent file, printed as {@code file:line:col: message} so editors and
 * terminals can jump to it. Line and column are 1-based; 0 means the whole file.
 */
public record Problem(String file, int line, int column, String message) {
  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + message;
  }
}
