package app.offramp.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import app.offramp.core.intent.Controls;
import app.offramp.core.intent.Controls.Typed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Controls typed alone, in the project's controls.yaml: languages, folding and typos (issue 21). */
class TypedControlsTest {
  private final TypedControls controls = new TypedControls(Engines.real().catalog().controls());

  @ParameterizedTest
  @CsvSource({"next, NEXT", "Next!, NEXT", "siguiente, NEXT", "Próximo, NEXT", "WEITER, NEXT", "suivant, NEXT",
      "avanti, NEXT", "back, BACK", "atrás, BACK", "zurück, BACK", "retour, BACK", "indietro, BACK", "fertig, DONE",
      "listo, DONE", "show all, ALL", "alles zeigen, ALL", "stop, STOP", "basta, STOP", "yes, AFFIRM", "sí, AFFIRM",
      "nein, DENY"})
  void aControlInAnyLanguageIsReadWithCaseAccentsAndPunctuationFolded(String typed, Typed control) {
    assertThat(controls.read(typed)).contains(control);
  }

  @ParameterizedTest
  @CsvSource({"nxt, NEXT", "nexy, NEXT", "netx, NEXT", "bakc, BACK", "shwo all, ALL", "siguente, NEXT", "zurueck, BACK",
      "doen, DONE", "stpo, STOP"})
  void aTypoOfAControlActsAsIt(String typed, Typed control) {
    assertThat(controls.read(typed)).contains(control);
  }

  @Test
  void aSentenceThatContainsAControlIsNotOne() {
    assertThat(controls.read("next time i will cancel")).isEmpty();
    assertThat(controls.read("how do i go back to the old plan")).isEmpty();
    assertThat(controls.read("nx")).isEmpty();
  }

  @Test
  void aTypoAsCloseToTwoControlsIsNeither() {
    TypedControls close = new TypedControls(new Controls(Map.of(Typed.NEXT, List.of("abcd"), Typed.STOP, List.of("abce")),
        Map.of(), List.of()));
    assertThat(close.read("abcd")).contains(Typed.NEXT);
    assertThat(close.read("abcf")).isEmpty();
  }

  /** A message of parts picks with its last part that is a control, unless it asks something (issue 22). */
  @Test
  void aControlBesideOtherWordsPicksUnlessTheMessageAsks() {
    TypedChoice typed = new TypedChoice(controls, Engines.real().catalog().controls());
    ConversationState onStep = Engines.real().handle(null, new Input.Text("cancel amazon music on my phone")).state();
    for (String text : List.of("ok im logged in. next", "listo, siguiente", "ya, siguiente", "done, thx", "wait go back",
        "siguiente porfa", "weiter bitte")) {
      assertThat(typed.read(onStep, text)).as(text).isPresent();
    }
    assertThat(typed.read(onStep, "ok im logged in. next")).contains(new TypedChoice.Picked.Choice(ConversationEngine.NEXT));
    assertThat(typed.read(onStep, "listo, siguiente")).contains(new TypedChoice.Picked.Choice(ConversationEngine.NEXT));
    assertThat(typed.read(onStep, "next, and is there a fee?")).isEmpty();
    assertThat(typed.read(onStep, "7")).contains(new TypedChoice.Picked.NoSuchNumber(7, 6));
  }
}
