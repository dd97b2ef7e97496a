package app.offramp.config;

/** A setting is missing or malformed; the message is one line saying which and what is expected. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
