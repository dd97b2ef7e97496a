package app.offramp.front.discord;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextsTest {
  /** Regression: a name ending in an emoji at the limit was cut between its two chars. */
  @Test
  void aThreadNameIsCutOnACharacterBoundary() {
    String member = "a".repeat(40) + "🎵".repeat(30);
    for (int pad = 0; pad < 4; pad++) {
      String name = Texts.threadName("Cancel Amazon Music" + "x".repeat(pad), member + "🎵");
      assertThat(name.length()).isLessThanOrEqualTo(DiscordLimits.THREAD_NAME);
      assertThat(name).endsWith("…");
      char beforeEllipsis = name.charAt(name.length() - 2);
      assertThat(Character.isHighSurrogate(beforeEllipsis)).as(name).isFalse();
      assertThat(name.codePoints().noneMatch(cp -> Character.getType(cp) == Character.SURROGATE)).as(name).isTrue();
    }
  }

  @Test
  void shortNamesAreLeftAlone() {
    assertThat(Texts.threadName("Cancel Amazon Music", "Ana")).isEqualTo("Cancel Amazon Music · Ana");
    assertThat(Texts.threadName("Cancel Amazon Music", " ")).isEqualTo("Cancel Amazon Music");
  }
}
