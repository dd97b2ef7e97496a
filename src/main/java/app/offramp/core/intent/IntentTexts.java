package app.offramp.core.intent;

import java.util.List;

/**
 * How an intent's content is rendered into reply text, with the headings of {@link Messages}. The
 * conversation engine renders with these, and the loader renders every intent with them too, so an
 * intent that would not fit Discord's limits is rejected when it is loaded rather than when a
 * member asks.
 */
public final class IntentTexts {
  private IntentTexts() {}

  public static String answer(Intent intent) {
    return "**" + intent.title() + "**\n" + intent.answer();
  }

  /** An answer given in place of the intent's own (a variant of it), under the intent's title. */
  public static String answer(Intent intent, String text) {
    return "**" + intent.title() + "**\n" + text.strip();
  }

  /** One step: a heading with "Step k of n" and a progress bar, the intro before the first step. */
  public static String step(Messages messages, Intent intent, List<String> steps, int index) {
    String intro = index == 0 && !intent.intro().isEmpty() ? intent.intro() + "\n\n" : "";
    return "**" + intent.title() + "**\n" + intro + stepBody(messages, steps, index);
  }

  /** One step without the intro: for walk-throughs whose intro came before the slot question. */
  public static String stepWithoutIntro(Messages messages, Intent intent, List<String> steps, int index) {
    return "**" + intent.title() + "**\n" + stepBody(messages, steps, index);
  }

  private static String stepBody(Messages messages, List<String> steps, int index) {
    int n = steps.size();
    return "**" + messages.get(Text.STEP_HEADING, "step", index + 1, "total", n) + "** " + progressBar(index + 1, n)
        + "\n" + steps.get(index);
  }

  public static String allSteps(Messages messages, Intent intent, List<String> steps) {
    StringBuilder text = new StringBuilder("**").append(intent.title()).append("** ")
        .append(messages.get(Text.STEP_ALL_HEADING)).append('\n');
    for (int i = 0; i < steps.size(); i++) {
      text.append(i + 1).append(". ").append(steps.get(i)).append('\n');
    }
    return text.toString().strip();
  }

  public static String done(Messages messages, Intent intent) {
    return done(messages, intent, "");
  }

  /**
   * The reply to Done on the last step: the outro, then {@code cited} (a source line, or empty),
   * then the lead-in to the follow-ups. Without an outro it says only that those were all the steps:
   * the bot cannot know that the member's cancellation went through.
   */
  public static String done(Messages messages, Intent intent, String cited) {
    String outro = intent.outro().isEmpty() ? messages.get(Text.STEP_DONE_NO_OUTRO) : intent.outro();
    return outro + cited + (intent.followUps().isEmpty() ? "" : "\n" + messages.get(Text.STEP_BEFORE_YOU_GO));
  }

  /** A bar of ten cells, e.g. {@code ▰▰▰▱▱▱▱▱▱▱}, in a code span so markdown leaves it alone. */
  public static String progressBar(int done, int total) {
    int filled = total <= 0 ? 0 : Math.max(0, Math.min(10, Math.round(10f * done / total)));
    return "`" + "▰".repeat(filled) + "▱".repeat(10 - filled) + "`";
  }
}
