package app.offramp.core.intent;

/**
 * The size limits every reply must fit. They are Discord's (the strictest front), kept here as
 * plain numbers so the core can check content at load time without depending on a Discord library.
 */
public final class ReplyLimits {
  public static final int MESSAGE = 2000;
  public static final int THREAD_NAME = 100;
  public static final int BUTTON_LABEL = 80;
  public static final int CUSTOM_ID = 100;
  public static final int CHOICES = 25;
  public static final int ROWS = 5;
  public static final int BUTTONS_PER_ROW = 5;
  public static final int COMMAND_DESCRIPTION = 100;

  private ReplyLimits() {}
}
