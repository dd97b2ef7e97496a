package app.offramp.core.conversation;

import app.offramp.core.conversation.ConversationState.Phase;
import app.offramp.core.conversation.ConversationState.Resume;
import app.offramp.core.intent.Controls;
import app.offramp.core.intent.Intent;
import app.offramp.core.intent.IntentCatalog;
import app.offramp.core.intent.IntentTexts;
import app.offramp.core.intent.ReplyLimits;
import app.offramp.core.intent.Slot;
import app.offramp.core.intent.SlotValue;
import app.offramp.core.match.IntentMatcher;
import app.offramp.core.match.LanguageGuess;
import app.offramp.core.match.MatchResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation engine: a pure function of (state, input) to (new state, reply).
 *
 * <p>The dialogue, as a table. Inputs: a typed <b>question</b> the matcher understands, typed text it
 * does <b>not</b> understand, <b>small talk</b> ("thanks", "ok", "hi", "nvm"), a typed <b>command
 * word</b> ("next", "back", "stop", "done", "all", a choice's number or label), a <b>pick</b> (a
 * button, or a slash command naming a topic).
 * <pre>
 * state \ input  | question                  | not understood           | small talk       | command word           | pick
 * ---------------+---------------------------+--------------------------+------------------+------------------------+---------------------------
 * idle           | answer / ask slot / step 1| sorry + topic menu       | short reply      | "nothing in progress"  | topic: start it
 * asking slot    | slot value: step 1;       | ask again; the 2nd time  | short reply,     | a number or label picks| slot value: step 1
 *                | device with no steps: say | offer staff instead of   | same choices     | that value             |
 *                | so, offer both; another   | repeating                |                  |                        |
 *                | topic: answer it, slot    |                          |                  |                        |
 *                | question kept to go back  |                          |                  |                        |
 * step k of n    | same topic: stay on k;    | "Still on step k of n"   | short reply,     | next/back/stop/done/   | same as the word
 *                | another: its answer +     | + the same buttons       | same buttons     | all/numbers act on k   |
 *                | "Back to step k"          |                          |                  |                        |
 * answered       | answer                    | sorry + topic menu, or,  | short reply      | with a walk-through    | follow-up topic: start it;
 *                |                           | with a walk-through put  |                  | put aside: acts on it; | "Back to step k": step k
 *                |                           | aside, "still on step k" |                  | else "nothing in prog."|
 * staff called   | left to staff (no reply)  | left to staff            | left to staff    | left to staff          | buttons work; a topic
 *                |                           |                          |                  |                        | starts a new one
 * </pre>
 * Controls on a step are the same six, in the same order, on every step (Back, Next, Show all
 * steps, Stop here, or Done on the last step, It didn't work, Talk to staff), so a number means the
 * same thing throughout. "Next" on the last step and "Back" on the first say so and stay. Staff are
 * called once per conversation; later calls say when they were called.
 *
 * <p>The engine holds no state: the store applies each turn atomically per conversation, so two
 * inputs for one conversation never interleave. It never throws: whatever the input, it replies.
 */
public final class ConversationEngine {
  public static final String NEXT = "nav:next";
  static final String BACK = "nav:back";
  static final String ALL = "nav:all";
  public static final String DONE = "nav:done";
  public static final String STOP = "nav:stop";
  static final String RESUME = "nav:resume";
  public static final String DIDNT_WORK = "nav:didnt";
  public static final String STAFF = "nav:staff";
  public static final String HELPED = "vote:yes";
  public static final String DID_NOT_HELP = "vote:no";
  static final String TOPIC = "intent:";
  static final String SLOT = "slot:";

  public static final String EXPIRED_TEXT = "This conversation has expired — ask again.";
  public static final String CANNOT_RESUME_TEXT = "I can't pick up where we left off right now. Ask your question "
      + "again and I'll answer it, or try again in a minute to carry on.";
  static final String ENGLISH_ONLY = "_I answer in English for now._";
  private static final String BACK_TO_IT = "Back to where we were. ";
  static final String NOTHING_IN_PROGRESS =
      "There's nothing in progress to go on with. Ask me a question about cancelling Amazon Music, or type help.";
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final Logger LOG = LoggerFactory.getLogger(ConversationEngine.class);
  /** A choice typed by its number; compiled once rather than by String.matches on every message. */
  private static final java.util.regex.Pattern ONE_OR_TWO_DIGITS = java.util.regex.Pattern.compile("\\d{1,2}");

  private final IntentCatalog catalog;
  private final IntentMatcher matcher;
  private final boolean citeSources;
  private final Clock clock;
  private final SmallTalk smallTalk;
  private final TypedControls controls;

  public ConversationEngine(IntentCatalog catalog, IntentMatcher matcher) {
    this(catalog, matcher, true, Clock.systemUTC());
  }

  /**
   * @param citeSources end answers with "Source: section · checked date" (content.show-source)
   * @param clock when staff are called, to say so later
   */
  public ConversationEngine(IntentCatalog catalog, IntentMatcher matcher, boolean citeSources, Clock clock) {
    this.catalog = catalog;
    this.matcher = matcher;
    this.citeSources = citeSources;
    this.clock = clock;
    this.smallTalk = new SmallTalk(catalog.controls());
    this.controls = new TypedControls(catalog.controls());
  }

  public IntentCatalog catalog() {
    return catalog;
  }

  /** One turn. {@code state} is null when the member has no conversation here. */
  public Turn handle(ConversationState state, Input input) {
    try {
      if (input instanceof Input.Text text) {
        return onText(state, clean(text.text()));
      }
      if (input instanceof Input.Pick pick) {
        return onPick(state, pick.choiceId());
      }
      if (input instanceof Input.Command command) {
        return onCommand(state, command);
      }
      return menu(state, "I didn't get that.", Reply.Kind.NOTICE, 0);
    } catch (RuntimeException e) {
      // Last line of defence: a bug must cost the member one reply, never the conversation.
      LOG.error("conversation engine failed on {}", input == null ? "null" : input.getClass().getSimpleName(), e);
      ConversationState kept = state != null ? state : new ConversationState(Phase.MENU, "", "", 0, List.of());
      return new Turn(kept, notice("Sorry, something went wrong on my side. Please try again.", kept.offered()));
    }
  }

  /** A reply for a conversation that no longer exists, e.g. a button pressed after expiry. */
  public Reply expired() {
    return new Reply(EXPIRED_TEXT, Optional.empty(), List.of(), Optional.empty(), false, Optional.empty(), 0,
        Reply.Kind.EXPIRED);
  }

  /**
   * A reply for a conversation that cannot be read right now (the store is out of reach): unlike
   * {@link #expired()}, the walk-through still exists and will be back.
   */
  public Reply cannotResume() {
    return new Reply(CANNOT_RESUME_TEXT, Optional.empty(), List.of(), Optional.empty(), false, Optional.empty(), 0,
        Reply.Kind.NOTICE);
  }

  // ---- typed text ----

  private Turn onText(ConversationState state, String text) {
    if (state != null && state.phase() == Phase.STAFF_CALLED) {
      return new Turn(state, quiet());
    }
    if (text.isBlank()) {
      return keepPlaceOr(state, "I didn't catch a question there.");
    }
    if (state != null) {
      // Before small talk: "yes" answers "Did this help?" when it is asked, and is small talk only
      // otherwise; no courtesy is a control, so nothing else changes with the order.
      Optional<String> typed = typedChoice(state, text);
      if (typed.isPresent()) {
        return onPick(state, typed.get());
      }
    }
    Optional<Controls.Courtesy> courtesy = smallTalk.classify(text);
    if (courtesy.isPresent()) {
      return smallTalk(state, courtesy.get());
    }
    if (state != null) {
      if (isNavWord(text) && !state.inProgress()) {
        return new Turn(state, smallTalkReply(NOTHING_IN_PROGRESS, List.of()));
      }
      Optional<Intent> asking = catalog.find(state.intentId()).filter(i -> i.slot().isPresent());
      if (state.phase() == Phase.AWAITING_SLOT && asking.isPresent()) {
        return answerSlot(state, asking.get(), text);
      }
    } else if (isNavWord(text)) {
      return new Turn(null, smallTalkReply(NOTHING_IN_PROGRESS, List.of()));
    }
    return question(state, text, matcher.match(text));
  }

  /** A typed message that is a question: answer it, keeping any walk-through in hand to go back to. */
  private Turn question(ConversationState state, String text, MatchResult result) {
    boolean english = LanguageGuess.of(text).equals(LanguageGuess.ENGLISH);
    Optional<Resume> place = place(state);
    if (result instanceof MatchResult.OtherService other) {
      Turn turn = anotherService(state, other, place);
      return english ? turn : withNote(turn, ENGLISH_ONLY);
    }
    if (result instanceof MatchResult.Matched m) {
      Intent intent = catalog.get(m.intentId());
      if (place.isPresent() && place.get().intentId().equals(intent.id())) {
        // Asking the topic in hand again mid-way is not a reason to start over.
        return stayOnStep(state, place.get(), "You're already on it. ");
      }
      Turn turn = intent.callsStaff() ? callStaff(state, intent) : start(state, intent, m.slots(), m.confidence());
      turn = place.isPresent() && !intent.hasSteps() && !intent.callsStaff() ? withResume(turn, place.get()) : turn;
      return english ? turn : withNote(turn, ENGLISH_ONLY);
    }
    if (!english && place.isPresent()) {
      return withNote(stayOnStep(state, place.get(), ""), ENGLISH_ONLY);
    }
    if (!english) {
      // An apology and an English menu help no one who asked in another language: say so, offer people.
      Reply reply = new Reply(ENGLISH_ONLY + " I couldn't tell what you asked: try it in English, or talk to staff.",
          Optional.empty(), List.of(staffChoice()), Optional.of("Question"), false, Optional.empty(),
          result.confidence(), Reply.Kind.QUESTION);
      return new Turn(next(state, Phase.MENU, "", "", 0, reply.choices()), reply);
    }
    if (place.isPresent()) {
      return stayOnStep(state, place.get(), "");
    }
    if (result instanceof MatchResult.Ambiguous a) {
      return didYouMean(state, a);
    }
    return menu(state, "Sorry, I'm not sure what you mean.", Reply.Kind.NO_MATCH, result.confidence());
  }

  /**
   * A question about another service's account: one line saying whose questions the bot answers,
   * then the walk-through in hand, or the topics. A support channel leaves it to humans (NO_MATCH).
   */
  private Turn anotherService(ConversationState state, MatchResult.OtherService other, Optional<Resume> place) {
    String line = "I can only help with " + catalog.services().service() + ", not " + other.service() + ".";
    if (place.isPresent()) {
      Turn turn = stayOnStep(state, place.get(), line + " ");
      Reply r = turn.reply();
      return new Turn(turn.state(), new Reply(r.text(), r.progress(), r.choices(), r.threadTitle(), false, r.intentId(),
          other.confidence(), Reply.Kind.NO_MATCH));
    }
    return menu(state, line, Reply.Kind.NO_MATCH, other.confidence());
  }

  /** At the slot question: a value, a device with no steps, another topic, or ask again. */
  private Turn answerSlot(ConversationState state, Intent intent, String text) {
    Slot slot = intent.slot().orElseThrow();
    Optional<String> reading = matcher.readSlot(intent.id(), text);
    if (reading.isPresent()) {
      return slotAnswered(state, intent, slot, reading.get());
    }
    MatchResult result = matcher.match(text);
    if (result instanceof MatchResult.Matched m && !m.intentId().equals(intent.id())) {
      return question(state, text, result); // a side answer; the slot question stays behind "Back"
    }
    return askSlotAgain(state, intent);
  }

  private Turn slotAnswered(ConversationState state, Intent intent, Slot slot, String reading) {
    if (reading.equals(IntentMatcher.SLOT_ELSEWHERE)) {
      boolean again = state != null && state.phase() == Phase.AWAITING_SLOT && state.intentId().equals(intent.id())
          && state.slotAsks() >= 1;
      return again ? askSlotAgain(state, intent)
          : askSlot(state, intent, slot.elsewhereReply(), Reply.Kind.QUESTION, 1.0, false);
    }
    if (reading.equals(IntentMatcher.SLOT_BOTH)) {
      String value = slot.both().orElseThrow();
      return withNote(startSteps(state, intent, value, 0), "_" + slot.bothNote() + "_");
    }
    return startSteps(state, intent, reading, 0);
  }

  private Turn askSlotAgain(ConversationState state, Intent intent) {
    if (state.slotAsks() >= 1) {
      Slot slot = intent.slot().orElseThrow();
      // Repeating the same line a third time helps nobody: say what is known and offer people.
      String options = String.join(" or ", slot.values().stream().map(v -> "**" + v.label() + "**").toList());
      return askSlot(state, intent, "I still can't tell which one. Pick " + options
          + " below, or talk to staff if neither fits.", Reply.Kind.QUESTION, 1.0, false);
    }
    return askSlot(state, intent, "Sorry, I didn't get which one. ", Reply.Kind.QUESTION, 1.0);
  }

  // ---- picks, commands ----

  private Turn onPick(ConversationState state, String choiceId) {
    if (state == null) {
      return new Turn(null, expired());
    }
    boolean offered = state.offered().stream().anyMatch(c -> c.id().equals(choiceId))
        || choiceId.equals(STAFF) // always reachable, and never twice: see callStaff
        || isNav(choiceId) && place(state).isPresent();
    if (!offered) {
      return new Turn(state, notice("That option isn't available here any more. Pick one below or ask a new question.",
          state.offered()));
    }
    if (choiceId.startsWith(TOPIC)) {
      return catalog.find(choiceId.substring(TOPIC.length()))
          .map(intent -> startPicked(state, intent, Map.of()))
          .orElseGet(() -> menu(state, "That topic is no longer available.", Reply.Kind.NOTICE, 0));
    }
    if (choiceId.equals(STAFF)) {
      return callStaff(state, catalog.find(IntentCatalog.HUMAN_ID).orElse(null));
    }
    if (choiceId.equals(DIDNT_WORK)) {
      // The support answer, with the walk-through one press away: the member may get it working.
      Optional<Resume> place = place(state);
      return catalog.find(IntentCatalog.SUPPORT_ID).map(s -> {
        Turn turn = start(state, s, Map.of(), 1.0);
        return place.isPresent() ? withResume(turn, place.get()) : turn;
      }).orElseGet(() -> menu(state, "Sorry that didn't work.", Reply.Kind.NOTICE, 0));
    }
    if (choiceId.equals(HELPED) || choiceId.equals(DID_NOT_HELP)) {
      return feedback(state, choiceId.equals(HELPED));
    }
    if (choiceId.startsWith(SLOT)) {
      Optional<Intent> intent = catalog.find(state.intentId());
      if (intent.isPresent()) {
        return startSteps(state, intent.get(), choiceId.substring(SLOT.length()), 0);
      }
    }
    Optional<Resume> place = place(state);
    if (place.isEmpty()) {
      return new Turn(state, smallTalkReply(NOTHING_IN_PROGRESS, state.offered()));
    }
    Resume at = place.get();
    Optional<Intent> walked = catalog.find(at.intentId());
    if (walked.isEmpty()) {
      return menu(state, "That topic is no longer available.", Reply.Kind.NOTICE, 0);
    }
    Intent intent = walked.get();
    if (intent.slot().isPresent() && at.slotValue().isEmpty()) {
      // The walk-through put aside was still at its slot question.
      return askSlot(state, intent, BACK_TO_IT, Reply.Kind.QUESTION, 1.0);
    }
    int last = intent.stepsFor(at.slotValue()).size() - 1;
    return switch (choiceId) {
      case NEXT -> at.step() >= last
          ? stayOnStep(state, at, "That was the last step. ")
          : startSteps(state, intent, at.slotValue(), at.step() + 1);
      case BACK -> at.step() <= 0
          ? stayOnStep(state, at, "This is the first step. ")
          : startSteps(state, intent, at.slotValue(), at.step() - 1);
      case RESUME -> startSteps(state, intent, at.slotValue(), at.step());
      case ALL -> allSteps(state, intent, at.slotValue());
      case DONE -> at.step() >= last ? done(state, intent) : stayOnStep(state, at,
          "There are more steps: this is step " + (at.step() + 1) + " of " + (last + 1) + ". ");
      case STOP -> stopped(state, intent, at, last + 1);
      default -> new Turn(state, notice("That option isn't available here any more.", state.offered()));
    };
  }

  private Turn onCommand(ConversationState state, Input.Command command) {
    Optional<Intent> intent = catalog.find(command.intentId());
    if (intent.isEmpty()) {
      return menu(state, "I don't know that topic.", Reply.Kind.NOTICE, 0);
    }
    if (intent.get().callsStaff()) {
      return callStaff(state, intent.get());
    }
    return startPicked(state, intent.get(), command.options());
  }

  /** A topic picked by button or command: the one in hand stays where it is, another starts. */
  private Turn startPicked(ConversationState state, Intent intent, Map<String, String> options) {
    Optional<Resume> place = place(state);
    if (place.isPresent() && place.get().intentId().equals(intent.id()) && options.isEmpty()) {
      return stayOnStep(state, place.get(), "You're already on it. ");
    }
    if (intent.callsStaff()) {
      return callStaff(state, intent);
    }
    Turn turn = start(state, intent, options, 1.0);
    return place.isPresent() && !intent.hasSteps() ? withResume(turn, place.get()) : turn;
  }

  /**
   * The choice a member's input picks given the state before it: a button's id, or typed text
   * that names one ("next", "2", a label). Empty for a question. For counting what members do.
   */
  public Optional<String> choiceOf(ConversationState state, Input input) {
    if (input instanceof Input.Pick pick) {
      return Optional.of(pick.choiceId());
    }
    if (input instanceof Input.Text text && state != null) {
      return typedChoice(state, text.text());
    }
    return Optional.empty();
  }

  /**
   * "next", "2", a choice's label, or "yes" / "no" while "Did this help?" is asked, resolved against
   * what the last reply offered; control words in every language of {@code controls.yaml}.
   */
  private Optional<String> typedChoice(ConversationState state, String text) {
    String t = normalize(text);
    Optional<Controls.Typed> control = controls.read(text);
    String nav = control.map(ConversationEngine::navChoice).orElse(null);
    if (nav != null && (state.inProgress() || state.offered().stream().anyMatch(c -> c.id().equals(nav)))) {
      return Optional.of(nav);
    }
    if (control.isPresent() && (control.get() == Controls.Typed.AFFIRM || control.get() == Controls.Typed.DENY)) {
      String vote = control.get() == Controls.Typed.AFFIRM ? HELPED : DID_NOT_HELP;
      if (state.offered().stream().anyMatch(c -> c.id().equals(vote))) {
        return Optional.of(vote);
      }
    }
    if (ONE_OR_TWO_DIGITS.matcher(t).matches()) {
      int index = Integer.parseInt(t) - 1;
      if (index >= 0 && index < state.offered().size()) {
        return Optional.of(state.offered().get(index).id());
      }
    }
    // Labels compared as typed text is: "it didnt work" and "It didn't work." both name "It didn't work".
    return state.offered().stream().filter(c -> normalize(c.label()).equals(t)).map(Choice::id).findFirst();
  }

  /** The choice a typed control stands for; null for yes / no, which only answer a question. */
  private static String navChoice(Controls.Typed control) {
    return switch (control) {
      case NEXT -> NEXT;
      case BACK -> BACK;
      case DONE -> DONE;
      case STOP -> STOP;
      case ALL -> ALL;
      case AFFIRM, DENY -> null;
    };
  }

  private boolean isNavWord(String text) {
    return controls.read(text).map(ConversationEngine::navChoice).isPresent();
  }

  private static boolean isNav(String choiceId) {
    return choiceId.startsWith("nav:") && !choiceId.equals(STAFF) && !choiceId.equals(DIDNT_WORK);
  }

  private static String normalize(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT).replace("'", "").replace("\u2019", "");
    int end = t.length();
    while (end > 0 && ".!?".indexOf(t.charAt(end - 1)) >= 0) {
      end--; // a loop, not a regex: linear whatever the input
    }
    return t.substring(0, end).strip();
  }

  // ---- replies ----

  private Turn start(ConversationState state, Intent intent, Map<String, String> slots, double confidence) {
    if (intent.slot().isPresent()) {
      Slot slot = intent.slot().get();
      String value = slots.get(slot.name());
      if (value != null && (slot.value(value).isPresent() || value.equals(IntentMatcher.SLOT_BOTH)
          || value.equals(IntentMatcher.SLOT_ELSEWHERE))) {
        return slotAnswered(state, intent, slot, value);
      }
      return askSlot(state, intent, "", Reply.Kind.QUESTION, confidence);
    }
    if (!intent.steps().isEmpty()) {
      return startSteps(state, intent, "", 0);
    }
    List<Choice> choices = new ArrayList<>();
    if (intent.id().equals(IntentCatalog.HELP_ID)) {
      choices.addAll(topicChoices());
    } else {
      choices.addAll(followUps(intent));
    }
    choices.add(staffChoice());
    return withFeedback(state, choices, ch -> new Reply(cite(IntentTexts.answer(intent), intent), Optional.empty(), ch,
        Optional.of(intent.title()), false, Optional.of(intent.id()), confidence, Reply.Kind.ANSWER), intent);
  }

  private Turn askSlot(ConversationState state, Intent intent, String prefix, Reply.Kind kind, double confidence) {
    return askSlot(state, intent, prefix, kind, confidence, true);
  }

  /**
   * The slot question with its value buttons. The intent's intro comes first the first time it is
   * asked (unless the prefix says we are coming back to it); {@code withQuestion} false when the
   * prefix already asks.
   */
  private Turn askSlot(ConversationState state, Intent intent, String prefix, Reply.Kind kind, double confidence,
      boolean withQuestion) {
    Slot slot = intent.slot().orElseThrow();
    List<Choice> choices = new ArrayList<>();
    for (SlotValue value : slot.values()) {
      choices.add(new Choice(SLOT + value.id(), value.label(), Choice.Style.PRIMARY));
    }
    choices.add(staffChoice());
    boolean first = state == null || state.phase() != Phase.AWAITING_SLOT || !state.intentId().equals(intent.id());
    boolean returning = prefix.startsWith(BACK_TO_IT);
    String intro = first && !returning ? introFor(intent) : "";
    Reply reply = new Reply(intro + prefix + (withQuestion ? slot.question() : ""), Optional.empty(), cap(choices),
        Optional.of(intent.title()), false, Optional.of(intent.id()), confidence, kind);
    int asks = first ? 0 : state.slotAsks() + 1;
    ConversationState next = next(state, Phase.AWAITING_SLOT, intent.id(), "", 0, reply.choices());
    return new Turn(new ConversationState(next.phase(), next.intentId(), next.slotValue(), next.step(), next.offered(),
        Optional.empty(), next.staffCalledAt(), asks, next.feedbackAsked()), reply);
  }

  /** The intent's intro (what to know before the steps), shown once, before the slot question. */
  private static String introFor(Intent intent) {
    return intent.intro().isEmpty() ? "" : "**" + intent.title() + "**\n" + intent.intro() + "\n\n";
  }

  private Turn startSteps(ConversationState state, Intent intent, String slotValue, int index) {
    List<String> steps = intent.stepsFor(slotValue);
    if (steps.isEmpty()) {
      return askSlot(state, intent, "", Reply.Kind.QUESTION, 1.0);
    }
    int i = Math.max(0, Math.min(index, steps.size() - 1));
    List<Choice> choices = stepControls(i == steps.size() - 1);
    // The intro (what to know before starting) comes once: before the slot question when it was
    // asked, else before step 1.
    boolean introShown = state != null && state.intentId().equals(intent.id())
        && (state.phase() == Phase.AWAITING_SLOT || state.phase() == Phase.STEPPING);
    String text = cite(introShown ? IntentTexts.stepWithoutIntro(intent, steps, i) : IntentTexts.step(intent, steps, i),
        intent);
    Reply reply = new Reply(text, Optional.of(new Reply.Progress(i + 1, steps.size())), choices,
        Optional.of(intent.title()), false, Optional.of(intent.id()), 1.0, Reply.Kind.ANSWER);
    return new Turn(next(state, Phase.STEPPING, intent.id(), slotValue, i, choices), reply);
  }

  /** The same six controls on every step, in the same order: Stop here becomes Done on the last. */
  static List<Choice> stepControls(boolean last) {
    return List.of(Choice.of(BACK, "Back"), new Choice(NEXT, "Next", Choice.Style.PRIMARY), Choice.of(ALL, "Show all steps"),
        last ? new Choice(DONE, "Done", Choice.Style.SUCCESS) : Choice.of(STOP, "Stop here"),
        Choice.of(DIDNT_WORK, "It didn't work"), staffChoice());
  }

  /** Step k again, with a line before it: "That was the last step.", "Still on step 2 of 5…". */
  private Turn stayOnStep(ConversationState state, Resume at, String prefix) {
    Optional<Intent> intent = catalog.find(at.intentId());
    if (intent.isEmpty()) {
      return menu(state, "That topic is no longer available.", Reply.Kind.NOTICE, 0);
    }
    if (intent.get().slot().isPresent() && at.slotValue().isEmpty()) {
      return askSlot(state, intent.get(), prefix, Reply.Kind.QUESTION, 1.0);
    }
    List<String> steps = intent.get().stepsFor(at.slotValue());
    int n = steps.size();
    String line = prefix.isEmpty()
        ? "Still on step " + (at.step() + 1) + " of " + n + " — type next, back, or ask another question.\n"
        : prefix.strip() + "\n";
    Turn turn = startSteps(state, intent.get(), at.slotValue(), at.step());
    Reply r = turn.reply();
    String text = cite(line + IntentTexts.stepWithoutIntro(intent.get(), steps, at.step()), intent.get());
    return new Turn(turn.state(), new Reply(text, r.progress(), r.choices(), r.threadTitle(), false, r.intentId(), 1.0,
        prefix.isEmpty() ? Reply.Kind.NOTICE : Reply.Kind.ANSWER));
  }

  private Turn allSteps(ConversationState state, Intent intent, String slotValue) {
    List<Choice> choices = stepControls(true);
    Reply reply = new Reply(cite(IntentTexts.allSteps(intent, intent.stepsFor(slotValue)), intent), Optional.empty(), choices,
        Optional.of(intent.title()), false, Optional.of(intent.id()), 1.0, Reply.Kind.ANSWER);
    return new Turn(next(state, Phase.STEPPING, intent.id(), slotValue, intent.stepsFor(slotValue).size() - 1, choices),
        reply);
  }

  private Turn done(ConversationState state, Intent intent) {
    List<Choice> choices = new ArrayList<>(followUps(intent));
    choices.add(staffChoice());
    return withFeedback(state, choices, ch -> new Reply(IntentTexts.done(intent, cite("", intent)), Optional.empty(), ch,
        Optional.of(intent.title()), false, Optional.of(intent.id()), 1.0, Reply.Kind.ANSWER), intent);
  }

  /**
   * An answer, or a finished walk-through, with "Did this help?" the first time in a conversation
   * (asked once: a member who answers five questions is not asked five times). The two buttons
   * come first so they sit on their own at the top of the choices.
   */
  private Turn withFeedback(ConversationState state, List<Choice> choices, java.util.function.Function<List<Choice>, Reply> reply,
      Intent intent) {
    boolean ask = (state == null || !state.feedbackAsked()) && !intent.id().equals(IntentCatalog.HELP_ID);
    List<Choice> all = new ArrayList<>();
    if (ask) {
      all.add(new Choice(HELPED, "Yes, this helped", Choice.Style.SUCCESS));
      all.add(Choice.of(DID_NOT_HELP, "No, it didn't"));
    }
    all.addAll(choices);
    Reply r = reply.apply(cap(dedupe(all)));
    ConversationState next = next(state, Phase.ANSWERED, intent.id(), "", 0, r.choices());
    return new Turn(ask ? next.withFeedbackAsked() : next, r);
  }

  /** The member's answer to "Did this help?": thanks, and the same topic's other choices. */
  private Turn feedback(ConversationState state, boolean helped) {
    List<Choice> rest = state.offered().stream().filter(c -> !c.id().equals(HELPED) && !c.id().equals(DID_NOT_HELP))
        .toList();
    String text = helped ? "Thanks for telling me — glad it helped."
        : "Thanks for telling me. If you'd like a person to look at it, pick Talk to staff.";
    return new Turn(next(state, state.phase(), state.intentId(), state.slotValue(), state.step(), rest)
        .withFeedbackAsked(), notice(text, rest));
  }

  /** Stop here: nothing is claimed done; the place is kept so "back" or "next" can pick it up. */
  private Turn stopped(ConversationState state, Intent intent, Resume at, int total) {
    List<Choice> choices = new ArrayList<>();
    choices.add(new Choice(RESUME, "Back to step " + (at.step() + 1), Choice.Style.PRIMARY));
    choices.addAll(followUps(intent));
    choices.add(staffChoice());
    Reply reply = new Reply("Stopped at step " + (at.step() + 1) + " of " + total
        + ". Pick up where you left off "
        + "whenever you like.", Optional.empty(), cap(choices), Optional.of(intent.title()), false,
        Optional.of(intent.id()), 1.0, Reply.Kind.ANSWER);
    ConversationState next = next(state, Phase.ANSWERED, intent.id(), "", 0, reply.choices());
    return new Turn(new ConversationState(next.phase(), next.intentId(), "", 0, next.offered(), Optional.of(at),
        next.staffCalledAt(), 0, next.feedbackAsked()), reply);
  }

  /** Calls staff once per conversation; a second call says when the first went out. */
  private Turn callStaff(ConversationState state, Intent human) {
    long now = clock.millis();
    if (state != null && state.staffCalledAt() > 0) {
      long minutes = Duration.between(Instant.ofEpochMilli(state.staffCalledAt()), Instant.ofEpochMilli(now)).toMinutes();
      String ago = minutes < 1 ? "just now" : minutes + " min ago";
      Reply reply = new Reply("Staff were already called at " + CLOCK.format(Instant.ofEpochMilli(state.staffCalledAt()))
          + " (" + ago + "). Someone will reply here as soon as they can.", Optional.empty(), List.of(),
          Optional.empty(), false, Optional.of(IntentCatalog.HUMAN_ID), 1.0, Reply.Kind.NOTICE);
      ConversationState kept = next(state, Phase.STAFF_CALLED, IntentCatalog.HUMAN_ID, "", 0, List.of());
      return new Turn(kept, reply);
    }
    String text = human != null ? IntentTexts.answer(human) : "I've asked the staff to join.";
    Reply reply = new Reply(text, Optional.empty(), List.of(), Optional.of(human != null ? human.title() : "Staff"),
        true, Optional.of(IntentCatalog.HUMAN_ID), 1.0, Reply.Kind.ANSWER);
    ConversationState next = next(state, Phase.STAFF_CALLED, IntentCatalog.HUMAN_ID, "", 0, List.of());
    return new Turn(new ConversationState(next.phase(), next.intentId(), "", 0, List.of(), Optional.empty(), now, 0,
        next.feedbackAsked()), reply);
  }

  private Turn didYouMean(ConversationState state, MatchResult.Ambiguous ambiguous) {
    List<Choice> choices = new ArrayList<>();
    for (MatchResult.Candidate c : ambiguous.candidates()) {
      catalog.find(c.intentId()).ifPresent(i -> choices.add(new Choice(TOPIC + i.id(), i.title(), Choice.Style.PRIMARY)));
    }
    choices.add(staffChoice());
    Reply reply = new Reply("Did you mean one of these?", Optional.empty(), cap(dedupe(choices)), Optional.empty(),
        false, Optional.empty(), ambiguous.confidence(), Reply.Kind.DID_YOU_MEAN);
    return new Turn(next(state, Phase.DID_YOU_MEAN, "", "", 0, reply.choices()), reply);
  }

  /** The topics as choices, with Talk to staff, after a one-line prefix. */
  private Turn menu(ConversationState state, String prefix, Reply.Kind kind, double confidence) {
    List<Choice> choices = new ArrayList<>(topicChoices());
    choices.add(staffChoice());
    Reply reply = new Reply(prefix + " Here is what I can help with — pick a topic or ask in your own words.",
        Optional.empty(), cap(choices), Optional.empty(), false, Optional.empty(), confidence, kind);
    return new Turn(next(state, Phase.MENU, "", "", 0, reply.choices()), reply);
  }

  private Turn smallTalk(ConversationState state, Controls.Courtesy kind) {
    Optional<Resume> place = place(state);
    Optional<String> where = place.flatMap(this::placeLine);
    List<Choice> choices = place.isPresent() ? state.offered() : List.of();
    return new Turn(state, smallTalkReply(SmallTalk.reply(kind, where), choices));
  }

  /** "You're on step 2 of 5 whenever you're ready." for a walk-through in hand. */
  private Optional<String> placeLine(Resume at) {
    return catalog.find(at.intentId()).map(intent -> at.slotValue().isEmpty() && intent.slot().isPresent()
        ? "Pick an option below whenever you're ready."
        : "You're on step " + (at.step() + 1) + " of " + intent.stepsFor(at.slotValue()).size()
            + " whenever you're ready.");
  }

  private Turn keepPlaceOr(ConversationState state, String text) {
    Optional<Resume> place = place(state);
    if (place.isPresent()) {
      return stayOnStep(state, place.get(), "");
    }
    return new Turn(state, smallTalkReply(text + " Ask me a question about cancelling Amazon Music.", List.of()));
  }

  private static Reply smallTalkReply(String text, List<Choice> choices) {
    return new Reply(text, Optional.empty(), choices, Optional.empty(), false, Optional.empty(), 0, Reply.Kind.SMALL_TALK);
  }

  private static Reply quiet() {
    return new Reply("", Optional.empty(), List.of(), Optional.empty(), false, Optional.empty(), 0,
        Reply.Kind.LEFT_TO_STAFF);
  }

  /**
   * The walk-through in hand: the one on screen (stepping, or at its slot question), else one put
   * aside by a side question or Stop here.
   */
  private static Optional<Resume> place(ConversationState state) {
    if (state == null) {
      return Optional.empty();
    }
    if (state.phase() == Phase.STEPPING) {
      return Optional.of(new Resume(state.intentId(), state.slotValue(), state.step()));
    }
    if (state.phase() == Phase.AWAITING_SLOT) {
      return Optional.of(new Resume(state.intentId(), "", 0));
    }
    return state.resume();
  }

  /** A side answer, with "Back to step k" first so the walk-through is one press away. */
  private Turn withResume(Turn turn, Resume at) {
    Reply r = turn.reply();
    String label = at.slotValue().isEmpty() ? "Back to where we were" : "Back to step " + (at.step() + 1);
    List<Choice> choices = new ArrayList<>();
    choices.add(new Choice(RESUME, label, Choice.Style.PRIMARY));
    // The topic in hand is the Back choice; offering it again as a follow-up would restart it.
    r.choices().stream().filter(c -> !c.id().equals(TOPIC + at.intentId())).forEach(choices::add);
    List<Choice> capped = cap(dedupe(choices));
    Reply reply = new Reply(r.text(), r.progress(), capped, r.threadTitle(), r.callStaff(), r.intentId(),
        r.confidence(), r.kind());
    ConversationState s = turn.state();
    return new Turn(new ConversationState(s.phase(), s.intentId(), s.slotValue(), s.step(), capped, Optional.of(at),
        s.staffCalledAt(), s.slotAsks(), s.feedbackAsked()), reply);
  }

  /** A new state that carries the conversation's staff call over. */
  private static ConversationState next(ConversationState previous, Phase phase, String intentId, String slotValue,
      int step, List<Choice> offered) {
    long staff = previous == null ? 0 : previous.staffCalledAt();
    return new ConversationState(phase, intentId, slotValue, step, offered, Optional.empty(), staff, 0,
        previous != null && previous.feedbackAsked());
  }

  private List<Choice> followUps(Intent intent) {
    List<Choice> choices = new ArrayList<>();
    // A follow-up that calls staff is the Talk to staff choice every answer already has.
    intent.followUps().forEach(id -> catalog.find(id).filter(f -> !f.callsStaff())
        .ifPresent(f -> choices.add(Choice.of(TOPIC + f.id(), f.title()))));
    return choices;
  }

  private List<Choice> topicChoices() {
    return catalog.topics().stream().filter(i -> !i.callsStaff())
        .map(i -> Choice.of(TOPIC + i.id(), i.title())).toList();
  }

  private static Choice staffChoice() {
    return new Choice(STAFF, "Talk to staff", Choice.Style.DANGER);
  }

  /** Ends an answer with where its facts come from, when sources are shown and it has one. */
  private String cite(String text, Intent intent) {
    if (!citeSources || intent.source().isEmpty()) {
      return text;
    }
    String line = "\n-# Source: " + intent.source().get().section() + " · checked " + intent.source().get().verified();
    return text.length() + line.length() <= ReplyLimits.MESSAGE ? text + line : text;
  }

  /** The same turn with a line before its text, when the message still fits Discord. */
  private static Turn withNote(Turn turn, String note) {
    Reply r = turn.reply();
    String text = note + "\n" + r.text();
    if (text.length() > ReplyLimits.MESSAGE) {
      return turn;
    }
    return new Turn(turn.state(), new Reply(text, r.progress(), r.choices(), r.threadTitle(), r.callStaff(), r.intentId(),
        r.confidence(), r.kind()));
  }

  private static Reply notice(String text, List<Choice> choices) {
    return new Reply(text, Optional.empty(), choices, Optional.empty(), false, Optional.empty(), 0, Reply.Kind.NOTICE);
  }

  /** One choice per id and per label: a reply never offers the same thing twice. */
  private static List<Choice> dedupe(List<Choice> choices) {
    List<Choice> out = new ArrayList<>();
    for (Choice c : choices) {
      if (out.stream().noneMatch(o -> o.id().equals(c.id()) || o.label().equalsIgnoreCase(c.label()))) {
        out.add(c);
      }
    }
    return out;
  }

  private static List<Choice> cap(List<Choice> choices) {
    List<Choice> unique = dedupe(choices);
    return unique.size() <= ReplyLimits.CHOICES ? unique : unique.subList(0, ReplyLimits.CHOICES);
  }

  /**
   * Control characters (other than newlines and tabs) carry no meaning for matching; text past
   * Discord's longest message (4,000 characters) is cut, so every later step is bounded.
   */
  static String clean(String text) {
    int n = Math.min(text.length(), app.offramp.core.match.MessageCleaner.MAX_CHARS);
    StringBuilder out = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      out.append(Character.isISOControl(c) && c != '\n' && c != '\t' ? ' ' : c);
    }
    return out.toString();
  }
}
