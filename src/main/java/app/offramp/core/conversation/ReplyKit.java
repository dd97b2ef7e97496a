package app.offramp.core.conversation;

import app.offramp.core.conversation.ConversationState.Phase;
import app.offramp.core.conversation.ConversationState.Resume;
import app.offramp.core.intent.Controls;
import app.offramp.core.intent.Intent;
import app.offramp.core.intent.IntentCatalog;
import app.offramp.core.intent.IntentTexts;
import app.offramp.core.intent.Messages;
import app.offramp.core.intent.ReplyLimits;
import app.offramp.core.intent.Slot;
import app.offramp.core.intent.SlotValue;
import app.offramp.core.intent.Text;
import app.offramp.core.intent.Variant;
import app.offramp.core.match.IntentMatcher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The replies every state's rules share, and the states they leave behind: an answer, a step, the
 * slot question, the menu, a side answer with the way back, a staff call. Rules decide what to say;
 * this says it, from the intents and {@code messages/en.yaml}, within Discord's limits. Stateless
 * and shared by the rules of one engine.
 */
final class ReplyKit {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  final IntentCatalog catalog;
  final Messages messages;
  private final boolean citeSources;
  private final Clock clock;

  ReplyKit(IntentCatalog catalog, boolean citeSources, Clock clock) {
    this.catalog = catalog;
    this.messages = catalog.messages();
    this.citeSources = citeSources;
    this.clock = clock;
  }

  String text(Text key, Object... args) {
    return messages.get(key, args);
  }

  /** A text that names the service ("Ask me a question about cancelling {service}"). */
  String serviceText(Text key) {
    String service = catalog.services().service();
    return messages.get(key, "service", service.isEmpty() ? "this" : service);
  }

  // ---- topics: answers, walk-throughs, the slot question ----

  /**
   * A topic, started from a typed question ({@code typed}, for the intent's variants) or a pick
   * (empty): the slot question, step 1, or the answer with "Did this help?" unless {@code aside}
   * (a side answer while a walk-through waits: the vote belongs to the walk-through's end).
   */
  Turn start(ConversationState state, Intent intent, Map<String, String> slots, double confidence, String typed,
      boolean aside) {
    Optional<Variant> variant = variant(intent, typed);
    if (variant.flatMap(Variant::answer).isPresent()) {
      return variantAnswer(state, intent, variant.get().answer().get(), confidence, aside);
    }
    Turn turn = startPlain(state, intent, slots, confidence, aside);
    return variant.flatMap(Variant::note).map(note -> withNote(turn, note)).orElse(turn);
  }

  private Turn startPlain(ConversationState state, Intent intent, Map<String, String> slots, double confidence,
      boolean aside) {
    if (intent.slot().isPresent()) {
      Slot slot = intent.slot().get();
      String value = slots.get(slot.name());
      if (value != null && (slot.value(value).isPresent() || value.equals(IntentMatcher.SLOT_BOTH)
          || value.equals(IntentMatcher.SLOT_ELSEWHERE))) {
        return slotAnswered(state, intent, value);
      }
      return askSlot(state, intent, "", Reply.Kind.QUESTION, confidence, true);
    }
    if (!intent.steps().isEmpty()) {
      return step(state, intent, "", 0);
    }
    List<Choice> choices = new ArrayList<>();
    if (intent.id().equals(IntentCatalog.HELP_ID)) {
      choices.addAll(topicChoices());
    } else {
      choices.addAll(followUps(intent));
    }
    choices.add(staffChoice());
    return answered(state, choices, ch -> new Reply(cite(IntentTexts.answer(intent), intent), Optional.empty(), ch,
        Optional.of(intent.title()), false, Optional.of(intent.id()), confidence, Reply.Kind.ANSWER), intent, !aside);
  }

  /** A variant's answer in place of the intent's own; a walk-through's topic stays one press away. */
  private Turn variantAnswer(ConversationState state, Intent intent, String answer, double confidence, boolean aside) {
    List<Choice> choices = new ArrayList<>();
    if (intent.hasSteps()) {
      choices.add(Choice.of(ConversationEngine.TOPIC + intent.id(), intent.title()));
    }
    choices.addAll(followUps(intent));
    choices.add(staffChoice());
    return answered(state, choices, ch -> new Reply(cite(IntentTexts.answer(intent, answer), intent), Optional.empty(),
        ch, Optional.of(intent.title()), false, Optional.of(intent.id()), confidence, Reply.Kind.ANSWER), intent, !aside);
  }

  /** The first of the intent's variants that the typed message calls for. */
  Optional<Variant> variant(Intent intent, String typed) {
    if (typed.isBlank() || intent.variants().isEmpty()) {
      return Optional.empty();
    }
    String words = " " + Controls.fold(typed) + " ";
    return intent.variants().stream()
        .filter(v -> v.when().stream().anyMatch(p -> contains(words, p)))
        .filter(v -> v.unless().stream().noneMatch(p -> contains(words, p)))
        .findFirst();
  }

  /** Whether the folded message (padded with spaces) holds the phrase as whole words. */
  static boolean contains(String paddedWords, String phrase) {
    String p = Controls.fold(phrase);
    return !p.isEmpty() && paddedWords.contains(" " + p + " ");
  }

  /** A slot value read from the member's words: its steps, the two-values rule, or a place with no steps. */
  Turn slotAnswered(ConversationState state, Intent intent, String reading) {
    Slot slot = intent.slot().orElseThrow();
    if (reading.equals(IntentMatcher.SLOT_ELSEWHERE)) {
      boolean again = state != null && state.phase() == Phase.AWAITING_SLOT && state.intentId().equals(intent.id())
          && state.slotAsks() >= 1;
      return again ? askSlotAgain(state, intent)
          : askSlot(state, intent, slot.elsewhereReply(), Reply.Kind.QUESTION, 1.0, false);
    }
    if (reading.equals(IntentMatcher.SLOT_BOTH)) {
      return withNote(step(state, intent, slot.both().orElseThrow(), 0), "_" + slot.bothNote() + "_");
    }
    return step(state, intent, reading, 0);
  }

  Turn askSlotAgain(ConversationState state, Intent intent) {
    Slot slot = intent.slot().orElseThrow();
    if (state != null && state.slotAsks() >= 1) {
      // Repeating the same line a third time helps nobody: say what is known and offer people.
      String options = String.join(text(Text.SLOT_OR), slot.values().stream().map(v -> "**" + v.label() + "**").toList());
      return askSlot(state, intent, text(Text.SLOT_STILL, "options", options), Reply.Kind.QUESTION, 1.0, false);
    }
    return askSlot(state, intent, text(Text.SLOT_AGAIN) + " ", Reply.Kind.QUESTION, 1.0, true);
  }

  /**
   * The slot question with its value buttons, the topics to see first ({@code before}: back up) and
   * Talk to staff. The intent's intro comes first the first time it is asked (not when coming back
   * to it); {@code withQuestion} false when the prefix already asks.
   */
  Turn askSlot(ConversationState state, Intent intent, String prefix, Reply.Kind kind, double confidence,
      boolean withQuestion) {
    Slot slot = intent.slot().orElseThrow();
    List<Choice> choices = new ArrayList<>();
    for (SlotValue value : slot.values()) {
      choices.add(new Choice(ConversationEngine.SLOT + value.id(), value.label(), Choice.Style.PRIMARY));
    }
    choices.add(staffChoice());
    // After Talk to staff: the values and staff keep their numbers whatever the intent offers first.
    choices.addAll(beforeChoices(intent));
    boolean first = state == null || state.phase() != Phase.AWAITING_SLOT || !state.intentId().equals(intent.id());
    boolean returning = prefix.startsWith(text(Text.BACK_TO_IT)) || introShown(state, intent);
    String intro = first && !returning ? introFor(intent) : "";
    Reply reply = new Reply(intro + prefix + (withQuestion ? slot.question() : ""), Optional.empty(), cap(choices),
        Optional.of(intent.title()), false, Optional.of(intent.id()), confidence, kind);
    int asks = first ? 0 : state.slotAsks() + 1;
    ConversationState next = next(state, Phase.AWAITING_SLOT, intent.id(), "", 0, reply.choices());
    return new Turn(new ConversationState(next.phase(), next.intentId(), next.slotValue(), next.step(), next.offered(),
        Optional.empty(), next.staffCalledAt(), asks, next.feedbackAsked()), reply);
  }

  /** The intent's intro (what to know before starting), shown once, before the slot question. */
  private static String introFor(Intent intent) {
    return intent.intro().isEmpty() ? "" : "**" + intent.title() + "**\n" + intent.intro() + "\n\n";
  }

  /** Whether this walk-through's intro was already shown: it is in hand, on screen or put aside. */
  private static boolean introShown(ConversationState state, Intent intent) {
    if (state == null) {
      return false;
    }
    boolean onScreen = state.intentId().equals(intent.id())
        && (state.phase() == Phase.AWAITING_SLOT || state.phase() == Phase.STEPPING);
    return onScreen || state.resume().filter(r -> r.intentId().equals(intent.id())).isPresent();
  }

  /** Step {@code index} (clamped to the steps there are) of the slot value's steps. */
  Turn step(ConversationState state, Intent intent, String slotValue, int index) {
    List<String> steps = intent.stepsFor(slotValue);
    if (steps.isEmpty()) {
      return askSlot(state, intent, "", Reply.Kind.QUESTION, 1.0, true);
    }
    int i = Math.max(0, Math.min(index, steps.size() - 1));
    List<Choice> choices = stepControls(i == steps.size() - 1);
    boolean intro = !introShown(state, intent);
    String text = cite(intro ? IntentTexts.step(messages, intent, steps, i)
        : IntentTexts.stepWithoutIntro(messages, intent, steps, i), intent);
    Reply reply = new Reply(text, Optional.of(new Reply.Progress(i + 1, steps.size())), cap(choices),
        Optional.of(intent.title()), false, Optional.of(intent.id()), 1.0, Reply.Kind.ANSWER);
    return new Turn(next(state, Phase.STEPPING, intent.id(), slotValue, i, reply.choices()), reply);
  }

  /** The same six controls on every step, in the same order: Stop here becomes Done on the last. */
  List<Choice> stepControls(boolean last) {
    return List.of(Choice.of(ConversationEngine.BACK, text(Text.BUTTON_BACK)),
        new Choice(ConversationEngine.NEXT, text(Text.BUTTON_NEXT), Choice.Style.PRIMARY),
        Choice.of(ConversationEngine.ALL, text(Text.BUTTON_ALL)),
        last ? new Choice(ConversationEngine.DONE, text(Text.BUTTON_DONE), Choice.Style.SUCCESS)
            : Choice.of(ConversationEngine.STOP, text(Text.BUTTON_STOP)),
        Choice.of(ConversationEngine.DIDNT_WORK, text(Text.BUTTON_DIDNT_WORK)), staffChoice());
  }

  /** Step k again, with a line before it ("Still on step 2 of 5…", "That was the last step."). */
  Turn stayOnStep(ConversationState state, Resume at, String line, Reply.Kind kind) {
    Optional<Intent> intent = catalog.find(at.intentId());
    if (intent.isEmpty()) {
      return menu(state, text(Text.TOPIC_GONE), Reply.Kind.NOTICE, 0);
    }
    if (intent.get().slot().isPresent() && at.slotValue().isEmpty()) {
      return askSlot(state, intent.get(), line.isEmpty() ? "" : line.strip() + " ", Reply.Kind.QUESTION, 1.0, true);
    }
    List<String> steps = intent.get().stepsFor(at.slotValue());
    Turn turn = step(state, intent.get(), at.slotValue(), at.step());
    Reply r = turn.reply();
    String head = line.isEmpty() ? text(Text.STEP_STILL_ON, "step", at.step() + 1, "total", steps.size()) : line.strip();
    String body = cite(IntentTexts.stepWithoutIntro(messages, intent.get(), steps, Math.min(at.step(), steps.size() - 1)),
        intent.get());
    return new Turn(turn.state(), new Reply(head + "\n" + body, r.progress(), r.choices(), r.threadTitle(), false,
        r.intentId(), 1.0, kind));
  }

  Turn allSteps(ConversationState state, Intent intent, String slotValue) {
    List<String> steps = intent.stepsFor(slotValue);
    List<Choice> choices = stepControls(true);
    Reply reply = new Reply(cite(IntentTexts.allSteps(messages, intent, steps), intent), Optional.empty(), choices,
        Optional.of(intent.title()), false, Optional.of(intent.id()), 1.0, Reply.Kind.ANSWER);
    return new Turn(next(state, Phase.STEPPING, intent.id(), slotValue, steps.size() - 1, choices), reply);
  }

  /** Done on the last step: the outro and what to know next, and "Did this help?" for the walk-through. */
  Turn done(ConversationState state, Intent intent) {
    List<Choice> choices = new ArrayList<>(followUps(intent));
    choices.add(staffChoice());
    ConversationState unvoted = state == null ? null : new ConversationState(state.phase(), state.intentId(),
        state.slotValue(), state.step(), state.offered(), state.resume(), state.staffCalledAt(), state.slotAsks(), false);
    return answered(unvoted, choices, ch -> new Reply(IntentTexts.done(messages, intent, cite("", intent)),
        Optional.empty(), ch, Optional.of(intent.title()), false, Optional.of(intent.id()), 1.0, Reply.Kind.ANSWER),
        intent, true);
  }

  /** Stop here: nothing is claimed done; the place is kept so "back" or "next" can pick it up. */
  Turn stopped(ConversationState state, Intent intent, Resume at, int total) {
    List<Choice> choices = new ArrayList<>();
    choices.add(new Choice(ConversationEngine.RESUME, text(Text.BUTTON_BACK_TO_STEP, "step", at.step() + 1),
        Choice.Style.PRIMARY));
    choices.addAll(followUps(intent));
    choices.add(staffChoice());
    Reply reply = new Reply(text(Text.STEP_STOPPED, "step", at.step() + 1, "total", total), Optional.empty(),
        cap(choices), Optional.of(intent.title()), false, Optional.of(intent.id()), 1.0, Reply.Kind.ANSWER);
    ConversationState next = next(state, Phase.ANSWERED, intent.id(), "", 0, reply.choices());
    return new Turn(new ConversationState(next.phase(), next.intentId(), "", 0, next.offered(), Optional.of(at),
        next.staffCalledAt(), 0, next.feedbackAsked()), reply);
  }

  /** The walk-through is put away: "never mind" or "I'll keep it". Nothing is left in hand. */
  Turn ended(ConversationState state, Text line) {
    List<Choice> choices = new ArrayList<>(topicChoices());
    choices.add(staffChoice());
    Reply reply = new Reply(text(line), Optional.empty(), cap(choices), Optional.empty(), false, Optional.empty(), 0,
        Reply.Kind.NOTICE);
    return new Turn(next(state, Phase.MENU, "", "", 0, reply.choices()), reply);
  }

  /**
   * An answer, or a finished walk-through, with "Did this help?" when {@code ask} and not asked
   * before in the conversation. The two buttons come first so they sit on their own at the top.
   */
  private Turn answered(ConversationState state, List<Choice> choices, Function<List<Choice>, Reply> reply, Intent intent,
      boolean ask) {
    boolean asking = ask && (state == null || !state.feedbackAsked()) && !intent.id().equals(IntentCatalog.HELP_ID);
    List<Choice> all = new ArrayList<>();
    if (asking) {
      all.add(new Choice(ConversationEngine.HELPED, text(Text.BUTTON_HELPED), Choice.Style.SUCCESS));
      all.add(Choice.of(ConversationEngine.DID_NOT_HELP, text(Text.BUTTON_NOT_HELPED)));
    }
    all.addAll(choices);
    Reply r = reply.apply(cap(all));
    ConversationState next = next(state, Phase.ANSWERED, intent.id(), "", 0, r.choices());
    return new Turn(asking ? next.withFeedbackAsked() : next, r);
  }

  /** The member's answer to "Did this help?": thanks, the other choices, and the walk-through kept. */
  Turn feedback(ConversationState state, boolean helped) {
    List<Choice> rest = state.offered().stream()
        .filter(c -> !c.id().equals(ConversationEngine.HELPED) && !c.id().equals(ConversationEngine.DID_NOT_HELP))
        .toList();
    Reply reply = notice(text(helped ? Text.FEEDBACK_HELPED : Text.FEEDBACK_NOT_HELPED), rest);
    return new Turn(new ConversationState(state.phase(), state.intentId(), state.slotValue(), state.step(),
        reply.choices(), state.resume(), state.staffCalledAt(), state.slotAsks(), true), reply);
  }

  /** "That's the answer just above": a repeated question gets a short line and what comes next. */
  Turn repeat(ConversationState state, Intent intent) {
    List<Choice> choices = new ArrayList<>(followUps(intent));
    choices.add(Choice.of(ConversationEngine.TOPIC + intent.id(), text(Text.BUTTON_AGAIN)));
    choices.add(staffChoice());
    Reply reply = new Reply(text(Text.REPEAT, "title", intent.title()), Optional.empty(), cap(choices),
        Optional.of(intent.title()), false, Optional.of(intent.id()), 1.0, Reply.Kind.ANSWER);
    return new Turn(next(state, Phase.ANSWERED, intent.id(), "", 0, reply.choices()), reply);
  }

  /** A follow-up leaning on the last answer ("so till the 15th then"): that answer in one line. */
  Turn followUp(ConversationState state, Intent intent, double confidence) {
    List<Choice> choices = new ArrayList<>(followUps(intent));
    choices.add(Choice.of(ConversationEngine.TOPIC + intent.id(), text(Text.BUTTON_AGAIN)));
    choices.add(staffChoice());
    Reply reply = new Reply(cite(text(Text.FOLLOW_UP, "summary", intent.summary()), intent), Optional.empty(),
        cap(choices), Optional.of(intent.title()), false, Optional.of(intent.id()), confidence, Reply.Kind.ANSWER);
    return new Turn(next(state, Phase.ANSWERED, intent.id(), "", 0, reply.choices()), reply);
  }

  // ---- staff ----

  /**
   * Calls staff once per conversation where they can see it; a second call says when the first went
   * out. Where they cannot (a DM, the console), says how to reach them and keeps answering: the
   * walk-through in hand, if any, stays one press away.
   */
  Turn callStaff(ConversationState state, boolean staffCanSee) {
    Optional<Intent> human = catalog.find(IntentCatalog.HUMAN_ID);
    if (!staffCanSee) {
      List<Choice> choices = new ArrayList<>(topicChoices());
      Reply reply = new Reply(text(Text.STAFF_UNSEEN), Optional.empty(), cap(choices), Optional.empty(), false,
          Optional.of(IntentCatalog.HUMAN_ID), 1.0, Reply.Kind.NOTICE);
      Turn turn = new Turn(next(state, Phase.MENU, "", "", 0, reply.choices()), reply);
      return ConversationEngine.place(state).map(at -> withResume(turn, at)).orElse(turn);
    }
    long now = clock.millis();
    if (state != null && state.staffCalledAt() > 0) {
      long minutes = Duration.between(Instant.ofEpochMilli(state.staffCalledAt()), Instant.ofEpochMilli(now)).toMinutes();
      String ago = minutes < 1 ? text(Text.STAFF_JUST_NOW) : text(Text.STAFF_MINUTES_AGO, "minutes", minutes);
      Reply reply = new Reply(text(Text.STAFF_ALREADY, "time", CLOCK.format(Instant.ofEpochMilli(state.staffCalledAt())),
          "ago", ago), Optional.empty(), List.of(), Optional.empty(), false, Optional.of(IntentCatalog.HUMAN_ID), 1.0,
          Reply.Kind.NOTICE);
      return new Turn(next(state, Phase.STAFF_CALLED, IntentCatalog.HUMAN_ID, "", 0, List.of()), reply);
    }
    String text = human.map(IntentTexts::answer).orElse(text(Text.STAFF_CALLED));
    Reply reply = new Reply(text, Optional.empty(), List.of(), Optional.of(human.map(Intent::title).orElse("Staff")),
        true, Optional.of(IntentCatalog.HUMAN_ID), 1.0, Reply.Kind.ANSWER);
    ConversationState next = next(state, Phase.STAFF_CALLED, IntentCatalog.HUMAN_ID, "", 0, List.of());
    // The walk-through is kept aside (no button for it: staff have the floor): if staff do not come
    // in time, the bot picks it up again.
    return new Turn(new ConversationState(next.phase(), next.intentId(), "", 0, List.of(), ConversationEngine.place(state),
        now, 0, next.feedbackAsked()), reply);
  }

  // ---- menus and notices ----

  /** The topics as choices, with Talk to staff, after a one-line prefix. */
  Turn menu(ConversationState state, String prefix, Reply.Kind kind, double confidence) {
    List<Choice> choices = new ArrayList<>(topicChoices());
    choices.add(staffChoice());
    Reply reply = new Reply((prefix.isEmpty() ? "" : prefix + " ") + text(Text.MENU), Optional.empty(), cap(choices),
        Optional.empty(), false, Optional.empty(), confidence, kind);
    return new Turn(next(state, Phase.MENU, "", "", 0, reply.choices()), reply);
  }

  Turn didYouMean(ConversationState state, List<String> intentIds, double confidence) {
    List<Choice> choices = new ArrayList<>();
    for (String id : intentIds) {
      catalog.find(id).ifPresent(i -> choices.add(new Choice(ConversationEngine.TOPIC + i.id(), i.title(),
          Choice.Style.PRIMARY)));
    }
    choices.add(staffChoice());
    Reply reply = new Reply(text(Text.DID_YOU_MEAN), Optional.empty(), cap(choices), Optional.empty(), false,
        Optional.empty(), confidence, Reply.Kind.DID_YOU_MEAN);
    return new Turn(next(state, Phase.DID_YOU_MEAN, "", "", 0, reply.choices()), reply);
  }

  /** "You're on step 2 of 5 whenever you're ready." for a walk-through in hand. */
  Optional<String> placeLine(Resume at) {
    return catalog.find(at.intentId()).map(intent -> at.slotValue().isEmpty() && intent.slot().isPresent()
        ? text(Text.PLACE_PICK)
        : text(Text.PLACE_STEP, "step", at.step() + 1, "total", intent.stepsFor(at.slotValue()).size()));
  }

  static Reply notice(String text, List<Choice> choices) {
    return new Reply(text, Optional.empty(), choices, Optional.empty(), false, Optional.empty(), 0, Reply.Kind.NOTICE);
  }

  static Reply smallTalkReply(String text, List<Choice> choices) {
    return new Reply(text, Optional.empty(), choices, Optional.empty(), false, Optional.empty(), 0, Reply.Kind.SMALL_TALK);
  }

  static Reply quiet() {
    return new Reply("", Optional.empty(), List.of(), Optional.empty(), false, Optional.empty(), 0,
        Reply.Kind.LEFT_TO_STAFF);
  }

  /** A side answer, with "Back to step k" first so the walk-through is one press away. */
  Turn withResume(Turn turn, Resume at) {
    Reply r = turn.reply();
    String label = at.slotValue().isEmpty() ? text(Text.BUTTON_BACK_TO_QUESTION)
        : text(Text.BUTTON_BACK_TO_STEP, "step", at.step() + 1);
    List<Choice> choices = new ArrayList<>();
    choices.add(new Choice(ConversationEngine.RESUME, label, Choice.Style.PRIMARY));
    // The topic in hand is the Back choice; offering it again as a follow-up would restart it.
    r.choices().stream().filter(c -> !c.id().equals(ConversationEngine.TOPIC + at.intentId())).forEach(choices::add);
    List<Choice> capped = cap(choices);
    Reply reply = new Reply(r.text(), r.progress(), capped, r.threadTitle(), r.callStaff(), r.intentId(),
        r.confidence(), r.kind());
    ConversationState s = turn.state();
    return new Turn(new ConversationState(s.phase(), s.intentId(), s.slotValue(), s.step(), capped, Optional.of(at),
        s.staffCalledAt(), s.slotAsks(), s.feedbackAsked()), reply);
  }

  /** The same turn with a line before its text, when the message still fits Discord. */
  static Turn withNote(Turn turn, String note) {
    Reply r = turn.reply();
    String text = note + "\n" + r.text();
    if (text.length() > ReplyLimits.MESSAGE) {
      return turn;
    }
    return new Turn(turn.state(), new Reply(text, r.progress(), r.choices(), r.threadTitle(), r.callStaff(), r.intentId(),
        r.confidence(), r.kind()));
  }

  /** The same turn, its reply of another kind (a support channel treats kinds differently). */
  static Turn ofKind(Turn turn, Reply.Kind kind, double confidence) {
    Reply r = turn.reply();
    return new Turn(turn.state(), new Reply(r.text(), r.progress(), r.choices(), r.threadTitle(), r.callStaff(),
        r.intentId(), confidence, kind));
  }

  /** A new state that carries the conversation's staff call and vote over. */
  static ConversationState next(ConversationState previous, Phase phase, String intentId, String slotValue, int step,
      List<Choice> offered) {
    long staff = previous == null ? 0 : previous.staffCalledAt();
    return new ConversationState(phase, intentId, slotValue, step, offered, Optional.empty(), staff, 0,
        previous != null && previous.feedbackAsked());
  }

  List<Choice> followUps(Intent intent) {
    return topicsOf(intent.followUps());
  }

  private List<Choice> beforeChoices(Intent intent) {
    return topicsOf(intent.before());
  }

  /** Topics by id as choices; one that calls staff is the Talk to staff choice every reply already has. */
  private List<Choice> topicsOf(List<String> ids) {
    List<Choice> choices = new ArrayList<>();
    ids.forEach(id -> catalog.find(id).filter(f -> !f.callsStaff())
        .ifPresent(f -> choices.add(Choice.of(ConversationEngine.TOPIC + f.id(), f.title()))));
    return choices;
  }

  List<Choice> topicChoices() {
    return catalog.topics().stream().filter(i -> !i.callsStaff())
        .map(i -> Choice.of(ConversationEngine.TOPIC + i.id(), i.title())).toList();
  }

  Choice staffChoice() {
    return new Choice(ConversationEngine.STAFF, text(Text.BUTTON_STAFF), Choice.Style.DANGER);
  }

  /** Ends an answer with where its facts come from, when sources are shown and it has one. */
  String cite(String text, Intent intent) {
    if (!citeSources || intent.source().isEmpty()) {
      return text;
    }
    String line = "\n-# " + text(Text.SOURCE, "section", intent.source().get().section(), "date",
        intent.source().get().verified());
    return text.length() + line.length() <= ReplyLimits.MESSAGE ? text + line : text;
  }

  /** One choice per id and per label: a reply never offers the same thing twice. */
  static List<Choice> dedupe(List<Choice> choices) {
    List<Choice> out = new ArrayList<>();
    for (Choice c : choices) {
      if (out.stream().noneMatch(o -> o.id().equals(c.id()) || o.label().equalsIgnoreCase(c.label()))) {
        out.add(c);
      }
    }
    return out;
  }

  static List<Choice> cap(List<Choice> choices) {
    List<Choice> unique = dedupe(choices);
    return unique.size() <= ReplyLimits.CHOICES ? unique : unique.subList(0, ReplyLimits.CHOICES);
  }
}
