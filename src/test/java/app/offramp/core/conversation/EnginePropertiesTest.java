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
   * A walk-through in progress is never lost by an input that is neither a topic question nor a
   * command that ends it (Done on the last step, Talk to staff: numbers 4 to 6 can be those, so the
   * numbers here are 1 to 3): gibberish, small talk, blanks, emoji, other scripts, navigation words
   * and numbers all keep the member's place.
   */
  @Property(tries = 200)
  void aWalkThroughInProgressSurvivesAnythingButATopicOrACommand(@ForAll("stepsTaken") int steps,
      @ForAll("noise") List<String> inputs) {
    ConversationState state = engine.handle(null, new Input.Text("cancel amazon music on my phone")).state();
    for (int i = 0; i < steps; i++) {
      state = engine.handle(state, new Input.Text("next")).state();
    }
    for (String input : inputs) {
      if (Engines.matcher().match(input) instanceof app.offramp.core.match.MatchResult.Matched) {
        continue; // a random word can be a topic question ("ids" reads as staff): not noise, so not this property's
      }
      state = engine.handle(state, new Input.Text(input)).state();
      assertThat(state.inProgress()).as("after '%s'", input).isTrue();
      ConversationState s = state;
      String intent = s.phase() == ConversationState.Phase.STEPPING ? s.intentId()
          : s.resume().map(ConversationState.Resume::intentId).orElse("");
      assertThat(intent).as("after '%s'", input).isEqualTo("cancel");
    }
  }

  @Provide
  Arbitrary<Integer> stepsTaken() {
    return Arbitraries.integers().between(0, 3);
  }

  @Provide
  Arbitrary<List<String>> noise() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12),
        Arbitraries.strings().withCharRange('\u0590', '\u06ff').ofMaxLength(20),
        Arbitraries.of("ok", "thanks", "thank you!", "cool", "bye", "hi", "nvm", "nvm figured it out", "lol", "",
            " ", "🎵🎶", "👍", "???", "asdf", "hmm", "wait what", "next", "back", "all", "stop", "1", "2", "3",
            "99", "0", "<:sadge:123456789012345678>", "i don't have a my music icon"))
        .list().ofMinSize(1).ofMaxSize(10);
  }
}
