package app.offramp.front.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Insights through the packaged jar as an admin uses them: chats recorded, then {@code offramp
 * report} as text, JSON, YAML suggestions and an HTML file that headless Chromium (Debian's
 * {@code chromium}, installed by {@code .ci/run}) renders with its charts drawn.
 */
class InsightsIT {
  @TempDir
  Path dir;

  private Map<String, String> env() {
    return Map.of("OFFRAMP_INSIGHTS_JDBC_URL", "jdbc:sqlite:" + dir.resolve("insights.db"));
  }

  @Test
  void chatsAreRecordedAndTheReportShowsWhatWentUnansweredAndWhereMembersStopped() throws Exception {
    ConsoleTranscriptIT.run("what will the weather be like in Lisbon tomorrow\n/reset\nweather forecast for Lisbon?\n/reset\n"
        + "how do I cancel amazon music on my phone\nnext\n5\n", env(), "chat");
    ConsoleTranscriptIT.Result json = ConsoleTranscriptIT.run("", env(), "report", "--json");
    assertThat(json.code()).as(json.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(json.out());
    assertThat(report.at("/outcomes/unanswered").asLong()).isEqualTo(2);
    assertThat(report.at("/places/console").asLong()).as("every turn from the console").isEqualTo(report.path("turns").asLong());
    assertThat(report.at("/unanswered/0/count").asLong()).as("both weather questions in one group").isEqualTo(2);
    assertThat(report.path("walkThroughs").toString()).contains("\"intent\":\"cancel\"").contains("\"didntWorkAtStep\":{\"2\":1}");

    ConsoleTranscriptIT.Result suggest = ConsoleTranscriptIT.run("", env(), "report", "--suggest");
    assertThat(suggest.out()).contains("examples:\n  - \"").contains("Lisbon");

    Path html = dir.resolve("report.html");
    ConsoleTranscriptIT.Result written = ConsoleTranscriptIT.run("", env(), "report", "--html", html.toString());
    assertThat(written.code()).isZero();
    assertThat(Files.readString(html)).doesNotContain("<script").doesNotContain("<link");
    assertThat(bluePixels(screenshot(html))).as("the charts' bars, drawn by Chromium").isGreaterThan(500);
  }

  @Test
  void aBrokenDatabaseIsOneLineAndTheChatStillAnswers() throws Exception {
    Files.writeString(dir.resolve("insights.db"), "not a database ".repeat(200));
    ConsoleTranscriptIT.Result r = ConsoleTranscriptIT.run("is there a penalty for cancelling\n", env(), "chat");
    assertThat(r.out()).contains("no penalty");
    assertThat(r.err().lines().filter(l -> l.contains("insights")).toList()).singleElement()
        .satisfies(l -> assertThat(l).startsWith("offramp: insights are off: cannot open"));
    assertThat(r.code()).isZero();
  }

  @Test
  void reportWithoutADatabaseSaysSoOnOneLine() throws Exception {
    ConsoleTranscriptIT.Result r = ConsoleTranscriptIT.run("", env(), "report");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("offramp report: no insights database at").doesNotContain("\n");
  }

  private Path screenshot(Path html) throws Exception {
    Path png = dir.resolve("report.png");
    Process p = new ProcessBuilder(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
        "--hide-scrollbars", "--window-size=1000,1400", "--screenshot=" + png, html.toUri().toString()))
        .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
    assertThat(png).as(Files.readString(dir.resolve("chromium.log"))).exists();
    return png;
  }

  /** Pixels of the bars' colour (#2f6fdb), allowing for anti-aliasing. */
  private static long bluePixels(Path png) throws Exception {
    BufferedImage image = ImageIO.read(png.toFile());
    long n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        if (Math.abs(r - 0x2f) < 12 && Math.abs(g - 0x6f) < 12 && Math.abs(b - 0xdb) < 12) {
          n++;
        }
      }
    }
    return n;
  }
}
