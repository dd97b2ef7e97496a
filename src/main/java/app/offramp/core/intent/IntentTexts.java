package app.offramp.core.intent;

import java.util.List;

/**
 * How an intent's content is rendered into reply text. The conversation engine renders with these,
 * and the loader renders every intent with them too, so an intent that would not fit Discord's
 * limits is rejected when it is loaded rather than when a member asks.
 */
public final class IntentTexts {
  private IntentTexts() {}

  public static String answer(Intent intent) {
    return "**" + intent.title() + "**\n" + intent.answer();
  }

  /** One step: a heading with "Step k of n" and a progress bar, the intro before the first step. */
  public static String step(Intent intent, List<String> steps, int index) {
    int n = steps.size();
    StringBuilder text = new StringBuilder();
    text.append("**").append(intent.title()).append("**\n");
    if (index == 0 && !intent.intro().isEmpty()) {
      text.append(intent.intro()).append("\n\n");
    }
    text.append("**Step ").append(index + 1).append(" of ").append(n).append("** ")
        .append(progressBar(index + 1, n)).append('\n');
    text.append(steps.get(index));
    return text.toString();
  }

  /** One step without the intro: for walk-throughs whose intro came before the slot question. */
  public static String stepWithoutIntro(Intent intent, List<String> steps, int index) {
    int n = steps.size();
    return "**" + intent.title() + "**\n**Step " + (index + 1) + " of " + n + "** " + progressBar(index + 1, n) + "\n"
        + steps.get(index);
  }

  public static String allSteps(Intent intent, List<String> steps) {
    StringBuilder text = new StringBuilder("**").append(intent.title()).append("** (all steps)\n");
    for (int i = 0; i < steps.size(); i++) {
      text.append(i + 1).append(". ").append(steps.get(i)).append('\n');
    }
    return text.toString().strip();
  }

  public static String done(Intent intent) {
    return done(intent, "");
  }

  /**
   * The reply to Done on the last step: the outro, then {@code cited} (a source line, or empty),
   * then the lead-in to the follow-ups. Without an outro it says only that those were all the steps:
   * the bot cannot know that the member's cancellation went through.
   */
  public static String done(Intent intent, String cited) {
    String outro = intent.outro().isEmpty() ? "Those were all the steps." : intent.outro();
    return outro + cited + (intent.followUps().isEmpty() ? "" : "\nBefore you go, you may want to know:");
  }

  /** A bar of ten cells, e.g. {@code ▰▰▰▱▱▱▱▱▱▱}, in a code span so markdown leaves it alone. */
  public static String progressBar(int done, int total) {
    int filled = total == 0 ? 0 : Math.round(10f * done / total);
    return "`" + "▰".repeat(filled) + "▱".repeat(10 - filled) + "`";
  }

  /** A thread title from the intent and the member's name, cut to Discord's 100 characters. */
  public static String threadTitle(Intent intent, String memberName) {
    String name = memberName == null ? "" : memberName.strip();
    if (name.length() > ReplyLimits.MEMBER_NAME) {
      name = name.substring(0, ReplyLimits.MEMBER_NAME);
    }
    String title = name.isEmpty() ? intent.title() : intent.title() + " · " + name;
    return truncate(title, ReplyLimits.THREAD_NAME);
  }

  public static String truncate(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int cut = max - 1;
    if (Character.isHighSurrogate(text.charAt(cut - 1))) {
      cut--;
    }
    return text.substring(0, cut) + "…";
  }
}
