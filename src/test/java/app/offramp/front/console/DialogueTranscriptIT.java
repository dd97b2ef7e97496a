package app.offramp.front.console;

import static app.offramp.front.console.ConsoleTranscriptIT.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dialogue as a member meets it: whole conversations piped through the packaged jar, one test
 * per promise of the dialogue (a walk-through survives the member, small talk, stable controls, the
 * platform question, staff called once, answers that cite their source, complaints to support).
 */
class DialogueTranscriptIT {
  private static final String MENU_LINE = "Here is what I can help with";

  /** The reply printed after the last echoed line {@code > input}, up to the next prompt. */
  private static String replyTo(String out, String input) {
    int at = out.lastIndexOf("> " + input + "\n");
    assertThat(at).as("'%s' was echoed", input).isGreaterThanOrEqualTo(0);
    String rest = out.substring(at + input.length() + 3);
    int next = rest.indexOf("\n> ");
    return next < 0 ? rest : rest.substring(0, next);
  }

  @Test
  void aWalkThroughSurvivesNoiseAndASideQuestionAndGoesOnWhereItWas() throws Exception {
    String out = run("cancel amazon music on my laptop\nnext\nasdf\nwait does this cancel prime too?\nnext\n",
        Map.of(), "chat").out();
    assertThat(replyTo(out, "asdf")).startsWith("Still on step 2 of 5 — type next, back, or ask another question")
        .contains("1. Back", "2. Next", "4. Stop here").doesNotContain(MENU_LINE, "Sorry");
    assertThat(replyTo(out, "wait does this cancel prime too?")).contains("two different services", "1. Back to step 2");
    assertThat(replyTo(out, "next")).contains("Step 3 of 5", "Your Music Subscriptions");
  }

  @Test
  void smallTalkGetsAShortReplyAndNoMenuAndCommandWordsNeedSomethingInProgress() throws Exception {
    String out = run("thanks\nok\ncool\nbye\ndone\ngo back\nnvm figured it out\n", Map.of(), "chat").out();
    assertThat(replyTo(out, "thanks")).startsWith("You're welcome!").doesNotContain(MENU_LINE, "1.");
    assertThat(replyTo(out, "ok")).startsWith("Okay.").doesNotContain(MENU_LINE);
    assertThat(replyTo(out, "cool")).doesNotContain(MENU_LINE, "Sorry");
    assertThat(replyTo(out, "bye")).startsWith("Bye");
    assertThat(replyTo(out, "done")).startsWith("There's nothing in progress").doesNotContain("computer or in the mobile app");
    assertThat(replyTo(out, "go back")).startsWith("There's nothing in progress").doesNotContain("playlists");
    assertThat(replyTo(out, "nvm figured it out")).startsWith("No problem");
  }

  @Test
  void controlsKeepTheirNumbersAndDoneIsOnlyOnTheLastStep() throws Exception {
    String out = run("cancel amazon music on my phone\n2\n2\n2\n2\nnext\n4\n", Map.of(), "chat").out();
    String first = replyTo(out, "cancel amazon music on my phone");
    assertThat(first).contains("Step 1 of 5", "1. Back", "2. Next", "3. Show all steps", "4. Stop here",
        "5. It didn't work", "6. Talk to staff").doesNotContain("Done");
    assertThat(out).contains("Step 2 of 5", "Step 3 of 5", "Step 4 of 5", "Step 5 of 5");
    String last = out.substring(out.indexOf("Step 5 of 5"));
    assertThat(last).contains("2. Next", "4. Done");
    assertThat(replyTo(out, "next")).startsWith("That was the last step.");
    assertThat(replyTo(out, "4")).contains("you still have access to your music").doesNotContain("Done!");
  }

  @Test
  void theFirstStepsBackAndAStopSaySoWithoutClaimingAnythingWasDone() throws Exception {
    String out = run("cancel amazon music on my phone\nback\nstop\nnext\n", Map.of(), "chat").out();
    assertThat(replyTo(out, "back")).startsWith("This is the first step.").contains("Step 1 of 5");
    assertThat(replyTo(out, "stop")).startsWith("Stopped at step 1 of 5").contains("1. Back to step 1")
        .doesNotContain("Done", "cancelled");
    assertThat(replyTo(out, "next")).contains("Step 2 of 5");
  }

  @Test
  void thePlatformQuestionResolvesDevicesBothPlatformsAndARepeat() throws Exception {
    String out = run("how do i cancel on my fire tv\nalexa\nhow do i cancel\n", Map.of(), "chat").out();
    assertThat(replyTo(out, "how do i cancel on my fire tv")).contains("not for that device", "1. On a computer",
        "2. In the mobile app");
    assertThat(replyTo(out, "how do i cancel")).startsWith("I still can't tell which one").contains("talk to staff");
    String both = run("cancel amazon music\nthe amazon music app on my computer\n", Map.of(), "chat").out();
    assertThat(replyTo(both, "the amazon music app on my computer")).contains("web browser", "Step 1 of 5",
        "Log in to your Amazon account on your computer");
    String phoneBrowser = run("cancel amazon music\nweb browser on my phone\n", Map.of(), "chat").out();
    assertThat(replyTo(phoneBrowser, "web browser on my phone")).contains("Log in to your Amazon account");
  }

  @Test
  void staffAreCalledOnceAndThenTheBotLeavesFreeTextToThem() throws Exception {
    String out = run("i want to talk to staff\nok\nhello??\n/help\nget me a human\n", Map.of(), "chat").out();
    assertThat(replyTo(out, "i want to talk to staff")).contains("[staff notified]");
    assertThat(replyTo(out, "ok")).contains("[left to staff").doesNotContain(MENU_LINE);
    assertThat(replyTo(out, "hello??")).contains("[left to staff");
    assertThat(replyTo(out, "get me a human")).startsWith("Staff were already called at").contains("UTC")
        .doesNotContain("[staff notified]");
    assertThat(out.split("\\[staff notified]", -1)).as("one staff call in the whole conversation").hasSize(2);
  }

  @Test
  void answersCiteTheirSourceAndComplaintsGoToSupport() throws Exception {
    String out = run("is there a penalty for cancelling early\namazon still charged me after i cancelled\n", Map.of(),
        "chat").out();
    assertThat(replyTo(out, "is there a penalty for cancelling early"))
        .contains("Source: Frequently Asked Questions (FAQs) · checked 2026-11-26");
    assertThat(replyTo(out, "amazon still charged me after i cancelled")).contains("contact Amazon's customer support")
        .doesNotContain("not charged again");
    String quiet = run("is there a penalty for cancelling early\n", Map.of("OFFRAMP_CONTENT_SHOW_SOURCE", "false"),
        "chat").out();
    assertThat(quiet).doesNotContain("Source:");
  }
}
