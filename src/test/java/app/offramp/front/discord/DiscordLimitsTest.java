package app.offramp.front.discord;

import static org.assertj.core.api.Assertions.assertThat;

import app.offramp.core.intent.ReplyLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DiscordLimitsTest {
  /** The core checks content against ReplyLimits at load time; they must be Discord's, as JDA states them. */
  @Test
  void theCoresLimitsAreJdasLimits() {
    assertThat(ReplyLimits.MESSAGE).isEqualTo(DiscordLimits.MESSAGE);
    assertThat(ReplyLimits.BUTTON_LABEL).isEqualTo(DiscordLimits.BUTTON_LABEL);
    assertThat(ReplyLimits.CUSTOM_ID).isEqualTo(DiscordLimits.CUSTOM_ID);
    assertThat(ReplyLimits.THREAD_NAME).isEqualTo(DiscordLimits.THREAD_NAME);
    assertThat(ReplyLimits.ROWS).isEqualTo(DiscordLimits.ROWS);
    assertThat(ReplyLimits.BUTTONS_PER_ROW).isEqualTo(DiscordLimits.BUTTONS_PER_ROW);
    assertThat(ReplyLimits.CHOICES).isEqualTo(DiscordLimits.CHOICES);
    assertThat(ReplyLimits.COMMAND_DESCRIPTION).isEqualTo(DiscordLimits.DESCRIPTION);
  }

  /** A limit is written once, in DiscordLimits: no bare 80, 100, 1900 or 2000 elsewhere in the front. */
  @Test
  void noLimitIsWrittenAsABareNumberInTheFront() throws IOException {
    Pattern literal = Pattern.compile("(?<![\\w.])(80|100|1900|2000)(?![\\w.])");
    try (Stream<Path> files = Files.walk(Path.of("src/main/java/app/offramp/front"))) {
      List<Path> sources = files.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> !p.getFileName().toString().equals("DiscordLimits.java")).toList();
      for (Path source : sources) {
        String code = Files.readString(source).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
        assertThat(literal.matcher(code).find()).as(source.toString()).isFalse();
      }
    }
  }
}
