package app.offramp.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import app.offramp.core.intent.ReplyLimits;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;

/** Whatever members type or click, the engine replies, and every reply fits Discord's limits. */
class EnginePropertiesTest {
  private final ConversationEngine engine = Engines.real();

  @Property(tries = 300)
  void everyReplyFitsDiscordsLimits(@ForAll("inputs") List<Input> inputs) {
    ConversationState state = null;
    for (Input input : inputs) {
      Turn turn = engine.handle(state, input);
      Reply reply = turn.reply();
      assertThat(reply).isNotNull();
      if (reply.kind() != Reply.Kind.LEFT_TO_STAFF) {
        assertThat(reply.text()).isNotBlank();
      }
      assertThat(reply.choices()).extracting(Choice::id).doesNotHaveDuplicates();
      assertThat(reply.choices()).extracting(c -> c.label().toLowerCase(java.util.Locale.ROOT)).doesNotHaveDuplicates();
      assertThat(reply.text().length()).isLessThanOrEqualTo(ReplyLimits.MESSAGE);
      assertThat(reply.choices()).hasSizeLessThanOrEqualTo(ReplyLimits.CHOICES);
      assertThat(reply.choices()).allSatisfy(c -> {
        assertThat(c.label().length()).isBetween(1, ReplyLimits.BUTTON_LABEL);
        assertThat(c.id().length()).isLessThanOrEqualTo(60);
      });
      reply.threadTitle().ifPresent(t -> assertThat(t.length()).isLessThanOrEqualTo(ReplyLimits.THREAD_NAME));
      assertThat(reply.confidence()).isBetween(0.0, 1.0);
      state = turn.state();
    }
  }

  @Provide
  Arbitrary<List<Input>> inputs() {
    Arbitrary<String> weird = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(200),
        Arbitraries.strings().all().ofMaxLength(50),
        Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(20),
        Arbitraries.strings().withCharRange('\u0590', '\u06ff').ofMaxLength(40),
        Arbitraries.of("🎵🎶", "😀😀😀", "", " ", "next", "back", "done", "all", "1", "2", "3", "99", "0", "-1",
            "cancel amazon music", "on my phone", "laptop", "is there a fee", "talk to a human", "@everyone"),
        Arbitraries.just("x".repeat(10_000)));
    Arbitrary<Input> text = weird.map(Input.Text::new);
    Arbitrary<Input> pick = Arbitraries.of("nav:next", "nav:back", "nav:all", "nav:done", "nav:didnt", "nav:staff",
        "slot:mobile", "slot:computer", "slot:nope", "intent:cancel", "intent:ghost", "", "garbage").map(Input.Pick::new);
    Arbitrary<Input> command = Combinators.combine(Arbitraries.of("cancel", "help", "backup", "nope", ""),
        Arbitraries.of("mobile", "computer", "tablet")).as((id, p) -> new Input.Command(id, java.util.Map.of("platform", p)));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, text), net.jqwik.api.Tuple.of(4, pick), net.jqwik.api.Tuple.of(1, command))
        .list().ofMinSize(1).ofMaxSize(12);
  }

  /**
   * Issue 22: every state a walk-through can be in (at its question, on step k, put aside by a side
   * answer, by Stop here, after a vote) × every class of input (noise, small talk, controls typed and
   * pressed, numbers, platform changes, trouble, side questions, another service, votes, restart,
   * back to the step): the walk-through survives all but an ending (never mind, I'll keep it, Done on
   * the last step, Talk to staff), and no reply is the same as the one before it.
   */
  @Property(tries = 300)
  void aWalkThroughSurvivesAllButAnEndingAndNoReplyRepeatsTheLast(@ForAll("walkThroughs") List<Input> start,
      @ForAll("anything") List<Input> inputs) {
    ConversationState state = null;
    String previous = null;
    for (Input input : start) {
      Turn turn = engine.handle(state, input);
      state = turn.state();
      previous = turn.reply().text();
    }
    assertThat(state.inProgress()).as("the walk-through under test is in hand").isTrue();
    for (Input input : inputs) {
      boolean ending = endsIt(state, input);
      Turn turn = engine.handle(state, input);
      String said = describe(input);
      if (turn.reply().kind() != Reply.Kind.LEFT_TO_STAFF) {
        assertThat(turn.reply().text()).as("after %s, the reply before was the same", said).isNotEqualTo(previous);
        previous = turn.reply().text();
      }
      state = turn.state();
      if (ending) {
        return;
      }
      assertThat(state.inProgress()).as("after %s", said).isTrue();
      ConversationState s = state;
      String intent = s.phase() == ConversationState.Phase.STEPPING || s.phase() == ConversationState.Phase.AWAITING_SLOT
          ? s.intentId() : s.resume().map(ConversationState.Resume::intentId).orElse("");
      assertThat(intent).as("after %s", said).isEqualTo("cancel");
    }
  }

  /** Endings: never mind / keep it, Done on the last step, Talk to staff (typed, a number or a press). */
  private boolean endsIt(ConversationState state, Input input) {
    if (input instanceof Input.Text t) {
      String text = t.text().toLowerCase(java.util.Locale.ROOT);
      if (ENDINGS.stream().anyMatch(text::contains)
          || Engines.matcher().match(t.text()) instanceof app.offramp.core.match.MatchResult.Matched m
          && m.intentId().equals("human")) {
        return true;
      }
    }
    return engine.choiceOf(state, input).filter(id -> id.equals(ConversationEngine.DONE)
        || id.equals(ConversationEngine.STAFF)).isPresent();
  }

  private static final List<String> ENDINGS = List.of("never mind", "keep it", "nvm");

  private static String describe(Input input) {
    return input instanceof Input.Text t ? "'" + t.text() + "'" : input.toString();
  }

  @Provide
  Arbitrary<List<Input>> walkThroughs() {
    Input cancel = new Input.Text("cancel amazon music");
    Input onPhone = new Input.Text("cancel amazon music on my phone");
    Input next = new Input.Pick(ConversationEngine.NEXT);
    Input side = new Input.Text("will i lose my playlists");
    return Arbitraries.of(
        List.of(cancel),
        List.of(onPhone),
        List.of(onPhone, next),
        List.of(onPhone, next, next, next, next),
        List.of(onPhone, next, side),
        List.of(onPhone, next, new Input.Pick(ConversationEngine.STOP)),
        List.of(onPhone, side, new Input.Pick(ConversationEngine.HELPED)),
        List.of(cancel, side));
  }

  @Provide
  Arbitrary<List<Input>> anything() {
    Arbitrary<Input> typed = Arbitraries.oneOf(
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12),
        Arbitraries.strings().withCharRange('\u0590', '\u06ff').ofMaxLength(20),
        Arbitraries.of("ok", "thanks", "thank you!", "cool", "bye", "hi", "lol", "", " ", "🎵🎶", "👍", "???", "asdf",
            "hmm", "wait what", "<:sadge:123456789012345678>",
            "next", "back", "all", "stop", "nexy", "bakc", "siguiente", "weiter", "ok next", "done, thx",
            "1", "2", "3", "4", "5", "7", "99", "0",
            "on my phone actually", "no computer, just my phone", "In the mobile app", "i dont have the app",
            "on my laptop", "start over", "start over on my laptop", "where was i", "back to step 1",
            "there is no cancel button", "i get an error", "i don't see amazon music unlimited anywhere",
            "will i lose my playlists", "is there a penalty", "what happens after i cancel",
            "spotify charged me twice", "wie kündige ich netflix", "never mind", "i'll keep it"))
        .map(Input.Text::new);
    Arbitrary<Input> pressed = Arbitraries.of(ConversationEngine.NEXT, ConversationEngine.BACK, ConversationEngine.ALL,
        ConversationEngine.STOP, ConversationEngine.DONE, ConversationEngine.DIDNT_WORK, ConversationEngine.HELPED,
        ConversationEngine.DID_NOT_HELP, "nav:resume", "slot:mobile", "slot:computer", "intent:backup").map(Input.Pick::new);
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, typed), net.jqwik.api.Tuple.of(1, pressed))
        .list().ofMinSize(1).ofMaxSize(10);
  }
}
