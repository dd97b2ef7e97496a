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
      assertThat(reply.text()).isNotBlank();
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
}
