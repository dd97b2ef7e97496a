package app.offramp.core.match;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageCleanerTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "how do i cancel 🙏 | how do i cancel",
      "cancel 👍🏽 pls | cancel pls",
      "👨‍👩‍👧 family plan | family plan",
      "cancel <:sadge:123456789012345678> | cancel",
      "<a:catjam:987654321098765432> cancel it | cancel it",
      "<@123456789012345678> how do i cancel | how do i cancel",
      "<@!123456789012345678> hi <@&223456789012345678> <#323456789012345678> | hi",
      "@everyone cancel @here | cancel",
      "see https://amazon.com/x?y=1 and www.amazon.com | see and",
      "it says `error 403` | it says",
      "**how** do i _cancel_ | how do i cancel",
      "why??? | why",
      "wait!!! what... ok | wait what ok",
      "cancel :pray: | cancel",
      "résilier © 2024 | résilier © 2024",
      "step 2: open the app | step 2: open the app"})
  void setsNoiseAsideAndKeepsWords(String input, String expected) {
    assertThat(MessageCleaner.clean(input)).isEqualTo(expected);
  }

  @Test
  void aCodeBlockIsSetAsideWholeAndAnUnclosedFenceIsNot() {
    assertThat(MessageCleaner.clean("help ```\nException in thread main\n``` please")).isEqualTo("help please");
    assertThat(MessageCleaner.clean("a ` b")).isEqualTo("a b");
  }

  @Test
  void messagesAreCutAtDiscordsLongestMessage() {
    assertThat(MessageCleaner.clean("a".repeat(10_000))).hasSize(MessageCleaner.MAX_CHARS);
  }

  @Test
  void nullAndBlankAreEmpty() {
    assertThat(MessageCleaner.clean(null)).isEmpty();
    assertThat(MessageCleaner.clean(" \t\n ")).isEmpty();
    assertThat(MessageCleaner.clean("🙏🙏")).isEmpty();
  }

  @Test
  void aLoneSurrogateOrBrokenTokenDoesNotThrow() {
    assertThat(MessageCleaner.clean("\uD83D cancel <:x: <@ <a:")).contains("cancel");
  }
}
