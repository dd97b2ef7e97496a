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

  /**
   * Issue 22, case 7: in the console (as in a DM) no staff can see the conversation, so "Talk to
   * staff" says how to reach them, and the bot keeps answering, a clear new question included.
   * (In a support thread staff are called once and free text is left to them: DiscordEndToEndTest.)
   */
  @Test
  void whereNoStaffCanSeeTalkToStaffSaysHowToReachThemAndTheBotKeepsAnswering() throws Exception {
    String out = run("i want to talk to staff\nis there a penalty for cancelling early\nget me a human\n", Map.of(),
        "chat").out();
    assertThat(replyTo(out, "i want to talk to staff")).startsWith("Nobody from the staff can see this chat")
        .contains("support channel").doesNotContain("[staff notified]", "I've asked the server's staff");
    assertThat(replyTo(out, "is there a penalty for cancelling early")).contains("no penalty")
        .doesNotContain("[left to staff");
    assertThat(replyTo(out, "get me a human")).startsWith("Nobody from the staff can see this chat");
  }

  /** Case 1: a vote, or an answer to a side question, never ends the walk-through put aside. */
  @Test
  void aSideAnswerAndAVoteKeepTheWalkThrough() throws Exception {
    String out = run("cancel amazon music on my laptop\nnext\nwill i lose my playlists?\nyes\nnext\n", Map.of(), "chat")
        .out();
    assertThat(replyTo(out, "will i lose my playlists?")).contains("Back up your playlists", "1. Back to step 2")
        .as("a side answer does not take the walk-through's vote").doesNotContain("Yes, this helped");
    assertThat(replyTo(out, "yes")).doesNotContain("nothing in progress");
    assertThat(replyTo(out, "next")).contains("Step 3 of 5", "Your Music Subscriptions");
    String voted = run("is there a penalty\n1\ncancel amazon music on my phone\nnext\nnext\n", Map.of(), "chat").out();
    assertThat(replyTo(voted, "1")).startsWith("Thanks for telling me");
    assertThat(replyTo(voted, "next")).contains("Step 3 of 5", "Select **Amazon Music Unlimited**");
  }

  /** Case 2: the platform changes at any point: typed, denied, its label, "start over", asked again. */
  @Test
  void thePlatformCanBeChangedAtAnyPoint() throws Exception {
    String out = run("cancel amazon music on my laptop\nnext\nwait no i mean on my phone\nnext\nIn the mobile app\n"
        + "start over\nno computer, just my phone\n", Map.of(), "chat").out();
    assertThat(replyTo(out, "wait no i mean on my phone")).contains("Switched to the steps for: **In the mobile app**",
        "Step 1 of 5", "Open the Amazon Music app");
    assertThat(replyTo(out, "In the mobile app")).contains("already on the steps for", "Step 2 of 5");
    assertThat(replyTo(out, "start over")).contains("Starting again", "computer or in the mobile app");
    assertThat(replyTo(out, "no computer, just my phone")).contains("Open the Amazon Music app")
        .doesNotContain("You mentioned a computer and a phone");
    String again = run("cancel amazon music in the browser\nnext\ncancel on my phone\n", Map.of(), "chat").out();
    assertThat(replyTo(again, "cancel on my phone")).contains("Open the Amazon Music app").doesNotContain("already on");
    String noApp = run("cancel amazon music\ni dont have the app\n", Map.of(), "chat").out();
    assertThat(replyTo(noApp, "i dont have the app")).contains("Log in to your Amazon account on your computer");
  }

  /** Case 3: trouble on a step is "It didn't work" at that step: support, back to the step, staff. */
  @Test
  void troubleOnAStepIsTreatedAsItDidntWorkThere() throws Exception {
    String out = run("cancel amazon music on my phone\nnext\nwtf there is no my music icon\n", Map.of(), "chat").out();
    assertThat(replyTo(out, "wtf there is no my music icon")).contains("step 2 of 5", "contact Amazon's customer support",
        "1. Back to step 2", "Talk to staff").doesNotContain("Still on step");
  }

  /** Case 4: never the same long reply again; the intro only once; "cancel only unlimited" moves on. */
  @Test
  void aRepeatIsSaidBrieflyAndTheConversationMovesOn() throws Exception {
    String out = run("what happens after i cancel\nwhat happens after i cancel\nhow do i cancel amazon music on my laptop\n"
        + "next\nhow do i cancel amazon music\n", Map.of(), "chat").out();
    assertThat(replyTo(out, "what happens after i cancel")).startsWith("That's the answer just above")
        .doesNotContain("billing period ends");
    assertThat(replyTo(out, "how do i cancel amazon music")).startsWith("You're already on step 2 of 5")
        .doesNotContain("no penalty");
    String only = run("does cancelling unlimited cancel prime music?\nso how do i cancel only unlimited\n", Map.of(), "chat")
        .out();
    assertThat(replyTo(only, "so how do i cancel only unlimited")).contains("computer or in the mobile app")
        .doesNotContain("are two different services.**");
  }

  /** Case 5: a follow-up that leans on the last answer is read in its light. */
  @Test
  void aFollowUpLeaningOnTheLastAnswerIsUnderstood() throws Exception {
    String out = run("what happens after i cancel\nso can i still use it on my road trip next weekend\n", Map.of(), "chat")
        .out();
    assertThat(replyTo(out, "so can i still use it on my road trip next weekend"))
        .containsAnyOf("billing period ends", "keep access").doesNotContain(MENU_LINE, "Sorry");
  }

  /** Case 6: never mind and I'll keep it end the walk-through; who already contacted Amazon or has an offer is heard. */
  @Test
  void theToneFollowsWhatTheMemberSaid() throws Exception {
    String out = run("cancel amazon music on my laptop\nnext\nnevermind ill keep it\nnext\n", Map.of(), "chat").out();
    assertThat(replyTo(out, "nevermind ill keep it")).startsWith("Okay, nothing changes then").doesNotContain("Step 2");
    assertThat(replyTo(out, "next")).startsWith("There's nothing in progress");
    String contacted = run("i already contacted amazon and they still charge me\n", Map.of(), "chat").out();
    assertThat(replyTo(contacted, "i already contacted amazon and they still charge me"))
        .contains("hasn't sorted it out", "Talk to staff").doesNotContain("**contact Amazon's customer support**");
    String offer = run("they offered me half price for 3 months, should i take it\n", Map.of(), "chat").out();
    assertThat(replyTo(offer, "they offered me half price for 3 months, should i take it"))
        .contains("up to you").doesNotContain("not guaranteed");
  }

  /** Case 8: a finished walk-through is asked "Did this help?"; a wrong number names the right ones; back up first. */
  @Test
  void feedbackComesAtTheEndAndNumbersAndBackingUpAreWhereTheyBelong() throws Exception {
    String out = run("cancel amazon music\n7\n2\nwhat happens after i cancel\n1\nall\ndone\n", Map.of(), "chat").out();
    assertThat(replyTo(out, "cancel amazon music")).contains("3. Talk to staff", "4. Back up your playlists first");
    assertThat(replyTo(out, "7")).startsWith("There's no option 7 here; pick a number from 1 to 4");
    assertThat(replyTo(out, "what happens after i cancel")).doesNotContain("Yes, this helped");
    assertThat(replyTo(out, "done")).contains("you still have access", "Yes, this helped")
        .doesNotContain("Back up your playlists first");
  }

  /** Content true to the source (issue 22): what the article covers, said as it says it. */
  @Test
  void answersSayOnlyWhatTheArticleCovers() throws Exception {
    String out = run("how do i cancel prime music\n", Map.of(), "chat").out();
    assertThat(replyTo(out, "how do i cancel prime music")).contains("no separate steps for Prime Music")
        .doesNotContain("Select **Amazon Music Unlimited**");
    String trial = run("how do i cancel my free trial on my iphone\nall\n", Map.of(), "chat").out();
    assertThat(replyTo(trial, "how do i cancel my free trial on my iphone")).contains("doesn't cover free trials",
        "Open the Amazon Music app");
    assertThat(replyTo(trial, "all")).doesNotContain("be prepared for one here").contains("be prepared for such offers");
    String prime = run("is prime day next week\n", Map.of(), "chat").out();
    assertThat(replyTo(prime, "is prime day next week")).startsWith("I can only help with Amazon Music")
        .doesNotContain("two different services");
    String charged = run("amazon charged me twice this month\n", Map.of(), "chat").out();
    assertThat(replyTo(charged, "amazon charged me twice this month")).contains("doesn't cover charges or refunds",
        "Nobody in this server can see");
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
