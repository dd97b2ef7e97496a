package app.offramp.core.conversation;

import app.offramp.core.conversation.ConversationState.Phase;
import app.offramp.core.intent.Intent;
import app.offramp.core.intent.IntentCatalog;
import app.offramp.core.intent.IntentTexts;
import app.offramp.core.intent.ReplyLimits;
import app.offramp.core.intent.Slot;
import app.offramp.core.intent.SlotValue;
import app.offramp.core.match.IntentMatcher;
import app.offramp.core.match.LanguageGuess;
import app.offramp.core.match.MatchResult;
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
 * <p>States ({@link Phase}) and transitions:
 * <ul>
 *   <li>none / MENU / ANSWERED --text--> match: a topic (STEPPING, AWAITING_SLOT or ANSWERED),
 *       DID_YOU_MEAN with the candidates, or MENU with the topics after an apology.
 *   <li>AWAITING_SLOT --slot value (typed or picked)--> STEPPING at step 0; a typed new question
 *       starts the new topic; anything else asks again.
 *   <li>STEPPING --next/back--> STEPPING; --all--> STEPPING (all steps shown); --done--> ANSWERED
 *       with the follow-ups; --didn't work--> support; --staff--> human.
 *   <li>DID_YOU_MEAN --pick--> that topic.
 *   <li>any --pick of a topic--> that topic; --command--> that topic, options filling slots.
 *   <li>no state --pick--> "expired, ask again" (the conversation was evicted or never existed).
 * </ul>
 * Typed "next", "back", "done", "all", a choice's number or its label act as the choice.
 *
 * <p>The engine holds no state: the store applies each turn atomically per conversation, so two
 * inputs for one conversation never interleave. It never throws: whatever the input, it replies.
 */
public final class ConversationEngine {
  static final String NEXT = "nav:next";
  static final String BACK = "nav:back";
  static final String ALL = "nav:all";
  static final String DONE = "nav:done";
  static final String DIDNT_WORK = "nav:didnt";
  static final String STAFF = "nav:staff";
  static final String TOPIC = "intent:";
  static final String SLOT = "slot:";

  public static final String EXPIRED_TEXT = "This conversation has expired — ask again.";
  static final String ENGLISH_ONLY = "_I answer in English for now._";
  private static final Logger LOG = LoggerFactory.getLogger(ConversationEngine.class);

  private final IntentCatalog catalog;
  private final IntentMatcher matcher;

  public ConversationEngine(IntentCatalog catalog, IntentMatcher matcher) {
    this.catalog = catalog;
    this.matcher = matcher;
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
        return onCommand(command);
      }
      return menu("I didn't get that.");
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

  private Turn onText(ConversationState state, String text) {
    if (text.isBlank()) {
      return menu("I didn't catch a question there.");
    }
    if (state != null) {
      Optional<String> typedChoice = typedChoice(state, text);
      if (typedChoice.isPresent()) {
        return onPick(state, typedChoice.get());
      }
      Optional<Intent> asking = catalog.find(state.intentId()).filter(i -> i.slot().isPresent());
      if (state.phase() == Phase.AWAITING_SLOT && asking.isPresent()) {
        return answerSlot(asking.get(), text);
      }
    }
    return answer(text, matcher.match(text));
  }

  /** "my phone" answers the slot question; a question about another topic starts that topic. */
  private Turn answerSlot(Intent intent, String text) {
    String value = matcher.slotValues(intent.id(), text).get(intent.slot().orElseThrow().name());
    if (value != null) {
      return startSteps(intent, value, 0);
    }
    MatchResult result = matcher.match(text);
    if (result instanceof MatchResult.Matched m && !m.intentId().equals(intent.id())) {
      return answer(text, result);
    }
    return askSlot(intent, "Sorry, I didn't get which one. ");
  }

  private Turn answer(String text, MatchResult result) {
    boolean english = LanguageGuess.of(text).equals(LanguageGuess.ENGLISH);
    if (result instanceof MatchResult.Matched m) {
      Turn turn = start(catalog.get(m.intentId()), m.slots(), m.confidence());
      return english ? turn : withNote(turn, ENGLISH_ONLY);
    }
    if (!english) {
      // An apology and an English menu help no one who asked in another language: say so, offer people.
      Reply reply = new Reply(ENGLISH_ONLY + " I couldn't tell what you asked: try it in English, or talk to staff.",
          Optional.empty(), List.of(new Choice(STAFF, "Talk to staff", Choice.Style.DANGER)), Optional.of("Question"),
          false, Optional.empty(), result.confidence(), Reply.Kind.QUESTION);
      return new Turn(new ConversationState(Phase.MENU, "", "", 0, reply.choices()), reply);
    }
    if (result instanceof MatchResult.Ambiguous a) {
      return didYouMean(a);
    }
    return menu("Sorry, I'm not sure what you mean.", Reply.Kind.NO_MATCH, result.confidence());
  }

  private Turn onPick(ConversationState state, String choiceId) {
    if (state == null) {
      return new Turn(null, expired());
    }
    boolean offered = state.offered().stream().anyMatch(c -> c.id().equals(choiceId));
    if (!offered) {
      return new Turn(state, notice("That option isn't available here any more. Pick one below or ask a new question.",
          state.offered()));
    }
    if (choiceId.startsWith(TOPIC)) {
      return catalog.find(choiceId.substring(TOPIC.length()))
          .map(intent -> start(intent, Map.of(), 1.0))
          .orElseGet(() -> menu("That topic is no longer available."));
    }
    Intent intent = catalog.find(state.intentId()).orElse(null);
    if (choiceId.startsWith(SLOT) && intent != null) {
      return startSteps(intent, choiceId.substring(SLOT.length()), 0);
    }
    if (choiceId.equals(STAFF)) {
      return catalog.find(IntentCatalog.HUMAN_ID).map(h -> start(h, Map.of(), 1.0)).orElseGet(() -> staffFallback());
    }
    if (choiceId.equals(DIDNT_WORK)) {
      return catalog.find(IntentCatalog.SUPPORT_ID).map(s -> start(s, Map.of(), 1.0))
          .orElseGet(() -> menu("Sorry that didn't work."));
    }
    if (intent == null) {
      return menu("That topic is no longer available.");
    }
    List<String> steps = intent.stepsFor(state.slotValue());
    return switch (choiceId) {
      case NEXT -> startSteps(intent, state.slotValue(), Math.min(state.step() + 1, steps.size() - 1));
      case BACK -> startSteps(intent, state.slotValue(), Math.max(state.step() - 1, 0));
      case ALL -> allSteps(intent, state.slotValue(), state.step());
      case DONE -> done(intent);
      default -> new Turn(state, notice("That option isn't available here any more.", state.offered()));
    };
  }

  private Turn onCommand(Input.Command command) {
    Optional<Intent> intent = catalog.find(command.intentId());
    if (intent.isEmpty()) {
      return menu("I don't know that topic.");
    }
    return start(intent.get(), command.options(), 1.0);
  }

  /** Typed "next", "2", or a choice's label, resolved against what the last reply offered. */
  private static Optional<String> typedChoice(ConversationState state, String text) {
    String t = text.strip().toLowerCase(Locale.ROOT).replaceAll("[.!?]+$", "");
    String nav = switch (t) {
      case "next", "n", "continue", "next step" -> NEXT;
      case "back", "b", "previous", "prev", "go back" -> BACK;
      case "done", "finished", "i'm done", "im done", "that worked", "it worked" -> DONE;
      case "all", "show all", "all steps", "show all steps" -> ALL;
      default -> null;
    };
    // While stepping, a typed nav word is always meant as one, even when not on offer ("next" on the
    // last step): onPick then says it isn't available instead of treating it as a question.
    if (nav != null && (state.phase() == ConversationState.Phase.STEPPING
        || state.offered().stream().anyMatch(c -> c.id().equals(nav)))) {
      return Optional.of(nav);
    }
    if (t.matches("\\d{1,2}")) {
      int index = Integer.parseInt(t) - 1;
      if (index >= 0 && index < state.offered().size()) {
        return Optional.of(state.offered().get(index).id());
      }
    }
    return state.offered().stream().filter(c -> c.label().toLowerCase(Locale.ROOT).equals(t)).map(Choice::id).findFirst();
  }

  private Turn start(Intent intent, Map<String, String> slots, double confidence) {
    if (intent.slot().isPresent()) {
      Slot slot = intent.slot().get();
      String value = slots.get(slot.name());
      if (value != null && slot.value(value).isPresent()) {
        return startSteps(intent, value, 0);
      }
      return askSlot(intent, "", confidence);
    }
    if (!intent.steps().isEmpty()) {
      return startSteps(intent, "", 0);
    }
    List<Choice> choices = new ArrayList<>();
    if (intent.id().equals(IntentCatalog.HELP_ID)) {
      choices.addAll(topicChoices());
    } else {
      intent.followUps().forEach(id -> catalog.find(id).ifPresent(f -> choices.add(Choice.of(TOPIC + f.id(), f.title()))));
    }
    if (!intent.callsStaff()) {
      choices.add(new Choice(STAFF, "Talk to staff", Choice.Style.DANGER));
    }
    Reply reply = new Reply(IntentTexts.answer(intent), Optional.empty(), cap(choices), Optional.of(intent.title()),
        intent.callsStaff(), Optional.of(intent.id()), confidence, Reply.Kind.ANSWER);
    return new Turn(new ConversationState(Phase.ANSWERED, intent.id(), "", 0, reply.choices()), reply);
  }

  private Turn askSlot(Intent intent, String prefix) {
    return askSlot(intent, prefix, 1.0);
  }

  private Turn askSlot(Intent intent, String prefix, double confidence) {
    Slot slot = intent.slot().orElseThrow();
    List<Choice> choices = new ArrayList<>();
    for (SlotValue value : slot.values()) {
      choices.add(new Choice(SLOT + value.id(), value.label(), Choice.Style.PRIMARY));
    }
    choices.add(new Choice(STAFF, "Talk to staff", Choice.Style.DANGER));
    Reply reply = new Reply(prefix + slot.question(), Optional.empty(), cap(choices), Optional.of(intent.title()),
        false, Optional.of(intent.id()), confidence, Reply.Kind.QUESTION);
    return new Turn(new ConversationState(Phase.AWAITING_SLOT, intent.id(), "", 0, reply.choices()), reply);
  }

  private Turn startSteps(Intent intent, String slotValue, int index) {
    List<String> steps = intent.stepsFor(slotValue);
    if (steps.isEmpty()) {
      return askSlot(intent, "");
    }
    int i = Math.max(0, Math.min(index, steps.size() - 1));
    List<Choice> choices = new ArrayList<>();
    if (i > 0) {
      choices.add(Choice.of(BACK, "Back"));
    }
    if (i < steps.size() - 1) {
      choices.add(new Choice(NEXT, "Next", Choice.Style.PRIMARY));
    }
    choices.add(Choice.of(ALL, "Show all steps"));
    choices.add(new Choice(DONE, "Done", i == steps.size() - 1 ? Choice.Style.SUCCESS : Choice.Style.SECONDARY));
    choices.add(Choice.of(DIDNT_WORK, "It didn't work"));
    choices.add(new Choice(STAFF, "Talk to staff", Choice.Style.DANGER));
    Reply reply = new Reply(IntentTexts.step(intent, steps, i), Optional.of(new Reply.Progress(i + 1, steps.size())),
        choices, Optional.of(intent.title()), false, Optional.of(intent.id()), 1.0, Reply.Kind.ANSWER);
    return new Turn(new ConversationState(Phase.STEPPING, intent.id(), slotValue, i, choices), reply);
  }

  private Turn allSteps(Intent intent, String slotValue, int current) {
    List<Choice> choices = List.of(new Choice(DONE, "Done", Choice.Style.SUCCESS), Choice.of(DIDNT_WORK, "It didn't work"),
        new Choice(STAFF, "Talk to staff", Choice.Style.DANGER));
    Reply reply = new Reply(IntentTexts.allSteps(intent, intent.stepsFor(slotValue)), Optional.empty(), choices,
        Optional.of(intent.title()), false, Optional.of(intent.id()), 1.0, Reply.Kind.ANSWER);
    return new Turn(new ConversationState(Phase.STEPPING, intent.id(), slotValue, current, choices), reply);
  }

  private Turn done(Intent intent) {
    List<Choice> choices = new ArrayList<>();
    intent.followUps().forEach(id -> catalog.find(id).ifPresent(f -> choices.add(Choice.of(TOPIC + f.id(), f.title()))));
    choices.add(new Choice(STAFF, "Talk to staff", Choice.Style.DANGER));
    Reply reply = new Reply(IntentTexts.done(intent), Optional.empty(), cap(choices), Optional.of(intent.title()), false,
        Optional.of(intent.id()), 1.0, Reply.Kind.ANSWER);
    return new Turn(new ConversationState(Phase.ANSWERED, intent.id(), "", 0, reply.choices()), reply);
  }

  private Turn didYouMean(MatchResult.Ambiguous ambiguous) {
    List<Choice> choices = new ArrayList<>();
    for (MatchResult.Candidate c : ambiguous.candidates()) {
      catalog.find(c.intentId()).ifPresent(i -> choices.add(new Choice(TOPIC + i.id(), i.title(), Choice.Style.PRIMARY)));
    }
    choices.add(new Choice(STAFF, "Talk to staff", Choice.Style.DANGER));
    Reply reply = new Reply("Did you mean one of these?", Optional.empty(), cap(choices), Optional.empty(), false,
        Optional.empty(), ambiguous.confidence(), Reply.Kind.DID_YOU_MEAN);
    return new Turn(new ConversationState(Phase.DID_YOU_MEAN, "", "", 0, reply.choices()), reply);
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

  private Turn menu(String prefix) {
    return menu(prefix, Reply.Kind.NOTICE, 0);
  }

  /** The topics as choices, with Talk to staff, after a one-line prefix. */
  private Turn menu(String prefix, Reply.Kind kind, double confidence) {
    List<Choice> choices = new ArrayList<>(topicChoices());
    choices.add(new Choice(STAFF, "Talk to staff", Choice.Style.DANGER));
    Reply reply = new Reply(prefix + " Here is what I can help with — pick a topic or ask in your own words.",
        Optional.empty(), cap(choices), Optional.empty(), false, Optional.empty(), confidence, kind);
    return new Turn(new ConversationState(Phase.MENU, "", "", 0, reply.choices()), reply);
  }

  private Turn staffFallback() {
    Reply reply = new Reply("I've asked the staff to join.", Optional.empty(), List.of(), Optional.empty(), true,
        Optional.empty(), 1.0, Reply.Kind.ANSWER);
    return new Turn(new ConversationState(Phase.ANSWERED, "", "", 0, List.of()), reply);
  }

  private List<Choice> topicChoices() {
    return catalog.topics().stream().filter(i -> !i.callsStaff())
        .map(i -> Choice.of(TOPIC + i.id(), i.title())).toList();
  }

  private static Reply notice(String text, List<Choice> choices) {
    return new Reply(text, Optional.empty(), choices, Optional.empty(), false, Optional.empty(), 0, Reply.Kind.NOTICE);
  }

  private static List<Choice> cap(List<Choice> choices) {
    return choices.size() <= ReplyLimits.CHOICES ? choices : choices.subList(0, ReplyLimits.CHOICES);
  }

  /** Control characters (other than newlines and tabs) carry no meaning for matching. */
  static String clean(String text) {
    return text.replaceAll("[\\p{Cc}&&[^\\n\\t]]", " ");
  }
}
