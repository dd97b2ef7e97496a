package app.offramp.core.conversation;

import app.offramp.core.conversation.ConversationState.Phase;
import app.offramp.core.conversation.ConversationState.Resume;
import app.offramp.core.intent.Controls;
import app.offramp.core.intent.IntentCatalog;
import app.offramp.core.intent.Text;
import app.offramp.core.match.IntentMatcher;
import app.offramp.core.match.LanguageGuess;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation engine: a pure function of (state, input, where) to (new state, reply).
 *
 * <p>The dialogue, as a table. Inputs: a typed <b>question</b> the matcher understands, typed text it
 * does <b>not</b> understand, <b>small talk</b> ("thanks", "ok", "hi"), a typed <b>control</b> ("next",
 * "weiter", "2", a choice's label, "yes" while "Did this help?" is asked; a number that is no choice),
 * a <b>platform</b> named (typed, denied, its label: "no computer, just my phone"), <b>trouble</b> on
 * a step ("there's no cancel button"), an <b>ending</b> ("never mind", "I'll keep it", "start over",
 * "where was I"), a <b>pick</b> (a button, or a slash command naming a topic).
 * <pre>
 * state \ input | question              | not understood      | small talk | control            | platform         | trouble          | ending              | pick
 * --------------+-----------------------+---------------------+------------+--------------------+------------------+------------------+---------------------+-------------------
 * idle, or an   | answer / ask slot /   | sorry + topics; in  | short      | "nothing in        | as a question    | as a question    | keep: "nothing      | topic: start it;
 * answer given  | step 1; the same one  | another language a  | reply      | progress"; a vote  |                  | (support)        | changes"; back to   | a vote: thanks
 *               | again: "just above";  | line + staff; leans |            | when asked; a wrong|                  |                  | step: "nothing in   |
 *               | another service: one  | on the last answer: |            | number: the valid  |                  |                  | progress"           |
 *               | line + topics         | it, in one line     |            | ones               |                  |                  |                     |
 * asking slot   | another topic: its    | ask again; the 2nd  | short,     | acts on it         | step 1 of it;    | ask again        | restart: ask again; | a value: step 1
 *               | answer + back to the  | time offer staff    | same       |                    | a device with no |                  | never mind / keep:  |
 *               | question              |                     | choices    |                    | steps: say so    |                  | stop, say so        |
 * step k of n,  | another topic: its    | "Still on step k"   | short,     | next/back/all/done/| another value:   | as It didn't     | back to step k;     | same as typed; a
 * or put aside  | answer + "Back to     | + the same buttons  | same       | stop act on k; a   | its step 1, said | work at k:       | restart: the slot   | vote keeps the
 *               | step k"; the same     |                     | buttons    | vote keeps the     | so; the same:    | support + back   | question; never     | walk-through
 *               | topic: stay on k      |                     |            | walk-through       | "already"        | to step k        | mind / keep: stop   |
 * staff called  | left to staff where they can see (a support thread); in a DM or the console staff are never "called": the bot says how to reach them and
 *               | goes on answering as above                                                                                            | buttons work
 * </pre>
 * Controls on a step are the same six, in the same order, on every step (Back, Next, Show all
 * steps, Stop here, or Done on the last step, It didn't work, Talk to staff), so a number means the
 * same thing throughout. "Next" on the last step and "Back" on the first say so and stay. Staff are
 * called once per conversation; later calls say when they were called. "Did this help?" is asked
 * after an answer that is not a side answer, and after a finished walk-through.
 *
 * <p>Each state's rules read on their own: {@link WalkThroughRules} (a walk-through in hand),
 * {@link OpenRules} (nothing in hand), {@link PickRules} (buttons and commands); {@link TypedChoice}
 * reads typed text that picks as a button would; {@link ReplyKit} builds the replies they share.
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

  private static final Logger LOG = LoggerFactory.getLogger(ConversationEngine.class);

  private final IntentCatalog catalog;
  /** The rules in each language the catalog has, sharing one matcher; English's also as fields. */
  private final java.util.Map<String, Parts> languages = new java.util.HashMap<>();
  private final ReplyKit kit;
  private final TypedChoice typed;
  private final PickRules picks;
  private final Cues cues;
  private final StateFit fit;
  private final Controls controls;
  private final IntentMatcher matcher;

  /** One language's replies and the rules that use them. */
  private record Parts(String language, ReplyKit kit, WalkThroughRules walkThrough, OpenRules open, PickRules picks) {}

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
    this.controls = catalog.controls();
    this.cues = new Cues(catalog.controls());
    this.fit = new StateFit(catalog);
    SmallTalk smallTalk = new SmallTalk(catalog.controls());
    this.typed = new TypedChoice(new TypedControls(catalog.controls()), catalog.controls());
    for (String language : catalog.languages()) {
      ReplyKit k = new ReplyKit(catalog.in(language), citeSources, clock);
      WalkThroughRules walkThrough = new WalkThroughRules(k, matcher, cues, smallTalk);
      languages.put(language, new Parts(language, k, walkThrough, new OpenRules(k, matcher, cues, smallTalk, typed),
          new PickRules(k, walkThrough)));
    }
    Parts english = languages.get(IntentCatalog.DEFAULT_LANGUAGE);
    this.kit = english.kit();
    this.picks = english.picks();
  }

  /** The languages replies can be given in ("de", "en", "es"…). */
  public java.util.SortedSet<String> languages() {
    return catalog.languages();
  }

  public IntentCatalog catalog() {
    return catalog;
  }

  /**
   * Whether a message looks addressed to the bot, not to other members: it asks (a question mark,
   * or it opens with one of the {@code ask} words of controls.yaml: "how", "can", "i need"…). In a
   * support channel, a message the bot does not understand counts as a miss only then.
   */
  public boolean asks(String text) {
    return text.indexOf('?') >= 0 || text.indexOf('\u00bf') >= 0 || text.indexOf('\uff1f') >= 0
        || cues.opens(text, Controls.Cue.ASK);
  }

  /** The matcher the rules ask, for measuring it (a lesson's guard) and asking it directly. */
  public IntentMatcher matcher() {
    return matcher;
  }

  /** One turn where staff can see the conversation. {@code state} is null when the member has none here. */
  public Turn handle(ConversationState state, Input input) {
    return handle(state, input, ConversationKey.Where.UNKNOWN);
  }

  /** One turn; {@code where} says whether staff could see a staff call there (a DM or the console cannot). */
  public Turn handle(ConversationState state, Input input, ConversationKey.Where where) {
    return handle(state, input, where, Optional.empty());
  }

  /**
   * One turn, in the conversation's language: the one the member asks for ("English please"), else
   * the one their message is clearly written in, else the one the conversation is held in, else
   * {@code hint} (the member's Discord locale, or the server's), else English.
   */
  public Turn handle(ConversationState state, Input input, ConversationKey.Where where, Optional<String> hint) {
    StateFit.Fitted fitted = fit.fit(state);
    Optional<String> asked = input instanceof Input.Text t ? asked(t.text()) : Optional.empty();
    Parts parts = languages.get(language(fitted.state(), input, hint, asked));
    Turn turn = asked.isPresent() ? switched(parts, fitted.state()) : turn(parts, fitted.state(), input, where);
    if (fitted.changed() && turn.reply().kind() != Reply.Kind.LEFT_TO_STAFF) {
      turn = ReplyKit.withNote(turn, parts.kit().text(Text.STATE_CHANGED));
    }
    turn = neverTwice(parts, state, turn);
    return turn.state() == null ? turn : new Turn(turn.state().withLanguage(parts.language()), turn.reply());
  }

  /** The language of this turn's reply (one the catalog has). */
  private String language(ConversationState state, Input input, Optional<String> hint, Optional<String> asked) {
    if (asked.isPresent()) {
      return asked.get();
    }
    if (input instanceof Input.Text text) {
      Optional<String> written = LanguageGuess.clearly(text.text()).filter(languages::containsKey);
      if (written.isPresent()) {
        return written.get();
      }
    }
    if (state != null && languages.containsKey(state.language())) {
      return state.language();
    }
    return hint.map(ConversationEngine::code).filter(languages::containsKey).orElse(IntentCatalog.DEFAULT_LANGUAGE);
  }

  /** "es" of "es-ES", "pt" of "pt-BR". */
  private static String code(String locale) {
    String lower = locale.toLowerCase(java.util.Locale.ROOT);
    return lower.length() >= 2 ? lower.substring(0, 2) : lower;
  }

  /**
   * A short message that names a language the bot has ("English please", "en español"): the
   * member asks to switch. Longer messages that name one ("is the app in Spanish?") are questions.
   */
  private Optional<String> asked(String text) {
    String folded = Controls.fold(text);
    if (folded.isEmpty() || folded.split(" ").length > 4) {
      return Optional.empty();
    }
    String padded = " " + folded + " ";
    for (String language : languages.keySet()) {
      for (String name : controls.namesOf(language)) {
        if (padded.contains(" " + Controls.fold(name) + " ")) {
          return Optional.of(language);
        }
      }
    }
    return Optional.empty();
  }

  /** The member asked for another language: where they are (the step, the question, or the topics), in it. */
  private Turn switched(Parts parts, ConversationState state) {
    String line = parts.kit().text(Text.LANGUAGE_SWITCHED);
    Optional<Resume> place = place(state);
    if (place.isPresent()) {
      return parts.kit().stayOnStep(state, place.get(), line, Reply.Kind.NOTICE);
    }
    return parts.kit().menu(state, line, Reply.Kind.NOTICE, 0);
  }

  private Turn turn(Parts parts, ConversationState state, Input input, ConversationKey.Where where) {
    boolean staffCanSee = where != ConversationKey.Where.DM && where != ConversationKey.Where.CONSOLE;
    ReplyKit kit = parts.kit();
    try {
      if (input instanceof Input.Text text) {
        return onText(parts, state, clean(text.text()), staffCanSee);
      }
      if (input instanceof Input.Pick pick) {
        return parts.picks().onPick(state, pick.choiceId(), staffCanSee);
      }
      if (input instanceof Input.Command command) {
        return parts.picks().onCommand(state, command, staffCanSee);
      }
      return kit.menu(state, kit.text(Text.DIDNT_GET), Reply.Kind.NOTICE, 0);
    } catch (RuntimeException e) {
      // Last line of defence: a bug must cost the member one reply, never the conversation.
      LOG.error("conversation engine failed on {}", input == null ? "null" : input.getClass().getSimpleName(), e);
      ConversationState kept = state != null ? state : new ConversationState(Phase.MENU, "", "", 0, List.of());
      return new Turn(kept, ReplyKit.notice(kit.text(Text.ERROR), kept.offered()));
    }
  }

  /**
   * The same reply twice in a row helps nobody ("Still on step 2 of 5" to a second "asdf", "That was
   * the last step" to a second Next): the second time a short line goes instead, with the same
   * choices. The state remembers a hash of what it last sent.
   */
  private Turn neverTwice(Parts parts, ConversationState before, Turn turn) {
    ReplyKit kit = parts.kit();
    Reply reply = turn.reply();
    if (turn.state() == null || reply.kind() == Reply.Kind.LEFT_TO_STAFF) {
      return turn;
    }
    if (before != null && before.lastReply() != 0 && reply.text().hashCode() == before.lastReply()) {
      String nudge = kit.text(reply.kind() == Reply.Kind.SMALL_TALK ? Text.REPEAT_NUDGE_SMALL_TALK : Text.REPEAT_NUDGE);
      reply = new Reply(nudge, Optional.empty(), reply.choices(), reply.threadTitle(), reply.callStaff(),
          reply.intentId(), reply.confidence(), reply.kind());
    }
    return new Turn(turn.state().withLastReply(reply.text().hashCode()), reply);
  }

  /** A reply for a conversation that no longer exists, e.g. a button pressed after expiry. */
  public Reply expired() {
    return picks.expired();
  }

  /**
   * A reply for a conversation that cannot be read right now (the store is out of reach): unlike
   * {@link #expired()}, the walk-through still exists and will be back.
   */
  public Reply cannotResume() {
    return ReplyKit.notice(kit.text(Text.CANNOT_RESUME), List.of());
  }

  private Turn onText(Parts parts, ConversationState state, String text, boolean staffCanSee) {
    ReplyKit kit = parts.kit();
    PickRules picks = parts.picks();
    if (state != null && state.phase() == Phase.STAFF_CALLED && staffCanSee) {
      return new Turn(state, ReplyKit.quiet());
    }
    if (text.isBlank()) {
      Optional<Resume> place = place(state);
      return place.isPresent() ? kit.stayOnStep(state, place.get(), "", Reply.Kind.NOTICE)
          : new Turn(state, ReplyKit.smallTalkReply(kit.serviceText(Text.BLANK), List.of()));
    }
    // "ok im back, take me back to step 2", "never mind, stop": the cue says more than the control word beside it.
    boolean cued = cues.in(text, Controls.Cue.KEEP) || cues.in(text, Controls.Cue.END) || cues.in(text, Controls.Cue.RESUME);
    if (state != null && !(cued && place(state).isPresent())) {
      Optional<TypedChoice.Picked> picked = typed.read(state, text);
      if (picked.isPresent() && picked.get() instanceof TypedChoice.Picked.Choice c) {
        return picks.onPick(state, c.id(), staffCanSee);
      }
      if (picked.isPresent() && picked.get() instanceof TypedChoice.Picked.NoSuchNumber n) {
        Reply notice = ReplyKit.notice(kit.text(Text.NO_SUCH_OPTION, "number", n.number(), "count", n.count()),
            state.offered());
        Optional<String> topic = place(state).map(Resume::intentId).or(() -> Optional.of(state.intentId())
            .filter(id -> !id.isEmpty()));
        return new Turn(state, new Reply(notice.text(), Optional.empty(), notice.choices(), Optional.empty(), false,
            topic, 0, Reply.Kind.NOTICE));
      }
    }
    // "In the member's language" unless they wrote in one the bot has no words for (then it says so).
    String written = LanguageGuess.of(text);
    boolean theirs = written.equals(LanguageGuess.ENGLISH) || languages.containsKey(written);
    Optional<Resume> place = place(state);
    return place.isPresent() ? parts.walkThrough().onText(state, text, place.get(), staffCanSee, theirs)
        : parts.open().onText(state, text, staffCanSee, theirs);
  }

  /**
   * The choice a member's input picks given the state before it: a button's id, or typed text that
   * names one ("next", "2", a label). Empty for a question. For counting what members do.
   */
  /**
   * What staff need to know of a conversation whose member just asked for a person, from the state
   * before that turn: the topic and platform in hand (a walk-through put aside counts), the step
   * reached, the step "It didn't work" was pressed on, and when it started.
   */
  public Handoff handoff(ConversationState before) {
    if (before == null) {
      return new Handoff("", "", "", Optional.empty(), Optional.empty(), 0);
    }
    Optional<Resume> at = place(before);
    String intentId = at.map(Resume::intentId).orElse(before.intentId());
    String slotValue = at.map(Resume::slotValue).orElse(before.slotValue());
    Optional<app.offramp.core.intent.Intent> intent = kit.catalog.find(intentId)
        .filter(i -> !i.id().equals(app.offramp.core.intent.IntentCatalog.HUMAN_ID));
    String platform = intent.flatMap(i -> i.slot()).flatMap(s -> s.value(slotValue))
        .map(app.offramp.core.intent.SlotValue::label).orElse("");
    int total = intent.map(i -> i.stepsFor(slotValue).size()).orElse(0);
    boolean slotChosen = !slotValue.isEmpty() || intent.flatMap(i -> i.slot()).isEmpty();
    Optional<Reply.Progress> reached = at.filter(r -> total > 0 && slotChosen)
        .map(r -> new Reply.Progress(Math.min(r.step(), total - 1) + 1, total));
    Optional<Reply.Progress> trouble = before.troubleStep() > 0 && total > 0
        ? Optional.of(new Reply.Progress(Math.min(before.troubleStep(), total), total)) : Optional.empty();
    return new Handoff(intent.map(app.offramp.core.intent.Intent::id).orElse(""),
        intent.map(app.offramp.core.intent.Intent::title).orElse(""), platform, reached, trouble,
        before.startedAt());
  }

  /**
   * A sentence from the messages file by its key ({@code "ticket.claimed"}), placeholders filled
   * from name, value pairs: for fronts, which say things the engine does not (a ticket's card).
   *
   * @throws IllegalArgumentException for a key the messages file does not have
   */
  public String text(String key, Object... args) {
    return text(IntentCatalog.DEFAULT_LANGUAGE, key, args);
  }

  /** As {@link #text(String, Object...)}, in {@code language} (English when there are no words in it). */
  public String text(String language, String key, Object... args) {
    return catalog.say(language, key, args);
  }


  public Optional<String> choiceOf(ConversationState state, Input input) {
    if (input instanceof Input.Pick pick) {
      return Optional.of(pick.choiceId());
    }
    if (input instanceof Input.Text text && state != null) {
      return typed.read(state, text.text()).filter(p -> p instanceof TypedChoice.Picked.Choice)
          .map(p -> ((TypedChoice.Picked.Choice) p).id());
    }
    return Optional.empty();
  }

  /**
   * The walk-through in hand: the one on screen (stepping, or at its slot question), else one put
   * aside by a side question or Stop here.
   */
  static Optional<Resume> place(ConversationState state) {
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

  static boolean isNav(String choiceId) {
    return choiceId.startsWith("nav:") && !choiceId.equals(STAFF) && !choiceId.equals(DIDNT_WORK);
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
