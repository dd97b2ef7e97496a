package app.offramp.core.match;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageGuessTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "how do i cancel amazon music | en",
      "cancel | en",
      "is there a penalty | en",
      "quiero darme de baja de music unlimited | es",
      "wie kann ich mein abo beenden | de",
      "je voudrais annuler mon abonnement | fr",
      "não consigo cancelar a minha conta | pt",
      "voglio disdire il mio abbonamento | it",
      "spotify | en"})
  void tellsTheLanguage(String text, String language) {
    assertThat(LanguageGuess.of(text)).isEqualTo(language);
  }
}
