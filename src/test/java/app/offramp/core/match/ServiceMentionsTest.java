package app.offramp.core.match;

import static org.assertj.core.api.Assertions.assertThat;

import app.offramp.core.intent.ServiceNames;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceMentionsTest {
  private final ServiceMentions mentions = new ServiceMentions(new ServiceNames("Amazon Music",
      List.of("amazon music", "music unlimited", "amazon prime music", "amazon música"),
      Map.of("Spotify", List.of("spotify"), "Kindle Unlimited", List.of("kindle unlimited"),
          "the Amazon Prime membership", List.of("amazon prime", "prime day"), "Netflix", List.of("netflix"),
          "Tidal", List.of("tidal")),
      Optional.of("alternatives"), List.of("switch", "instead", "en vez")));

  @Test
  void anotherServiceNamedAloneIsWhatTheMessageIsAbout() {
    assertThat(mentions.read("wie kündige ich Netflix?").aboutAnother()).isTrue();
    assertThat(mentions.read("wie kündige ich Netflix?").other()).contains("Netflix");
    assertThat(mentions.read("is prime day next week").other()).contains("the Amazon Prime membership");
  }

  @Test
  void thisServiceNamedTooMakesItOurs() {
    ServiceMentions.Reading r = mentions.read("is spotify cheaper than amazon music");
    assertThat(r.ours()).isTrue();
    assertThat(r.aboutAnother()).isFalse();
  }

  @Test
  void aWordOfMovingMakesTheOtherServiceADestination() {
    assertThat(mentions.read("i want to switch to spotify, how do i cancel").aboutAnother()).isFalse();
    assertThat(mentions.read("que uso en vez de spotify").aboutAnother()).isFalse();
  }

  @Test
  void theLongerNameWinsWhereTwoOverlap() {
    assertThat(mentions.read("does amazon prime music come with prime").ours()).isTrue();
    assertThat(mentions.read("does amazon prime music come with prime").other()).isEmpty();
    ServiceMentions.Reading kindle = mentions.read("cancel kindle unlimited");
    assertThat(kindle.other()).contains("Kindle Unlimited");
    assertThat(mentions.read("cancel music unlimited").ours()).isTrue();
  }

  @Test
  void accentsCaseAndOneTypoInALongNameAreFolded() {
    assertThat(mentions.read("como cancelo AMAZON MUSICA").ours()).isTrue();
    assertThat(mentions.read("how do i stop spotfy").other()).contains("Spotify");
    assertThat(mentions.read("netflx charged me").other()).contains("Netflix");
    // Short names must be written right: "tidl" or "total" are not Tidal.
    assertThat(mentions.read("total charged me").other()).isEmpty();
    // Regression: "in the mobile app" read as T-Mobile, "mobile" one letter from "tmobile".
    ServiceMentions carrier = new ServiceMentions(new ServiceNames("Amazon Music", List.of("amazon music"),
        Map.of("T-Mobile", List.of("tmobile", "t mobile")), Optional.empty(), List.of()));
    assertThat(carrier.read("In the mobile app").other()).isEmpty();
    assertThat(carrier.read("my tmobile bill").other()).contains("T-Mobile");
  }

  @Test
  void namesAreWholeWords() {
    assertThat(mentions.read("my spotifyish playlist").other()).isEmpty();
    assertThat(mentions.read("tidally locked").other()).isEmpty();
  }

  @Test
  void oneEditIsOneInsertionDeletionSubstitutionOrSwap() {
    assertThat(OneEdit.within("next", "next")).isTrue();
    assertThat(OneEdit.within("nxt", "next")).isTrue();
    assertThat(OneEdit.within("nexty", "next")).isTrue();
    assertThat(OneEdit.within("nexy", "next")).isTrue();
    assertThat(OneEdit.within("bakc", "back")).isTrue();
    assertThat(OneEdit.within("bcak", "back")).isTrue();
    assertThat(OneEdit.within("nx", "next")).isFalse();
    assertThat(OneEdit.within("bkca", "back")).isFalse();
    assertThat(OneEdit.within("done", "stop")).isFalse();
  }
}
