package app.offramp.cli;

import app.offramp.TestPaths;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.run(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void validatePrintsASummaryAndExitsZeroOnTheProjectIntents() {
    Run r = run("validate", "--intents", "intents");
    assertThat(r.code()).isZero();
    assertThat(r.out()).matches("(?s)OK: 10 intents, \\d+ examples in intents; languages de, en, es, fr, it, pt\\R");
  }

  @Test
  void validatePrintsFileLineColumnAndExitsOneOnProblems() throws Exception {
    Files.writeString(dir.resolve("x.yaml"), "id: x\ntitle: X\nbogus: 1\n");
    Run r = run("validate", "--intents", dir.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains(dir.resolve("x.yaml") + ":3:1: unknown field 'bogus'");
  }

  @Test
  void validateOnAMissingDirectoryExitsTwoWithOneLine() {
    Run r = run("validate", "--intents", dir.resolve("missing").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").contains("does not exist");
  }

  /** offramp learned: lessons listed with their examples and checked with the intents; undo by number or all. */
  @Test
  void learnedListsChecksAndUndoesLessons() throws Exception {
    Path intents = dir.resolve("intents");
    TestPaths.copyOfIntents(intents);
    assertThat(run("learned", "--intents", intents.toString(), "--undo", "all").out()).contains("nothing to undo");
    Files.writeString(intents.resolve("learned.yaml"), """
        lessons:
          - id: 1
            intent: backup
            at: "2026-12-04T20:00:00Z"
            by: ana
            examples: ["where do my downloaded tracks go after i stop paying"]
          - id: 2
            intent: refundz
            at: "2026-12-04T20:00:00Z"
            by: ana
            examples: ["where is my money"]
        """);
    Run listed = run("learned", "--intents", intents.toString());
    assertThat(listed.code()).as("lesson 2 names no intent").isEqualTo(1);
    assertThat(listed.out()).contains("learned.yaml:8:13: lesson 2 names intent 'refundz'");
    Run undone = run("learned", "--intents", intents.toString(), "--undo", "refundz");
    assertThat(undone.code()).isZero();
    assertThat(undone.out()).contains("removed lesson 2: 1 example(s) of refundz", "1 lesson(s) left");
    assertThat(run("learned", "--intents", intents.toString()).out())
        .contains("lesson 1: 1 example(s) of backup", "  - \"where do my downloaded tracks go after i stop paying\"");
    assertThat(run("validate", "--intents", intents.toString()).out()).contains("(with 1 lesson(s) of learned.yaml)");
    Run unknown = run("learned", "--intents", intents.toString(), "--undo", "7");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err().strip()).doesNotContain("\n").contains("no lesson matches '7'; expected one of [1]");
  }

  @Test
  void evaluateWritesRasaShapedReportsAndAJsonSummary() throws Exception {
    Path data = dir.resolve("d.jsonl");
    Files.writeString(data, """
        {"text": "how do I cancel amazon music", "intent": "cancel", "source": "ignored"}
        {"text": "is there a fee for cancelling early", "intent": "penalty"}
        {"text": "what's the weather today", "intent": "none"}
        """);
    Path out = dir.resolve("out");
    Run r = run("evaluate", "--data", data.toString(), "--out", out.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode summary = new ObjectMapper().readTree(r.out());
    assertThat(summary.get("accuracy").asDouble()).isEqualTo(1.0);
    assertThat(summary.get("oos_false_accept_rate").asDouble()).isZero();
    assertThat(summary.at("/speed/p99_us").asDouble()).isPositive();
    JsonNode report = new ObjectMapper().readTree(out.resolve("intent_report.json").toFile());
    assertThat(report.at("/cancel/precision").asDouble()).isEqualTo(1.0);
    assertThat(report.at("/cancel/support").asInt()).isEqualTo(1);
    assertThat(report.has("macro avg")).isTrue();
    assertThat(report.has("weighted avg")).isTrue();
    assertThat(report.get("cancel").has("confused_with")).isTrue();
    assertThat(new ObjectMapper().readTree(out.resolve("intent_errors.json").toFile()).isArray()).isTrue();
  }

  @Test
  void evaluateExitsOneBelowMinAccuracy() throws Exception {
    Path data = dir.resolve("d.jsonl");
    Files.writeString(data, "{\"text\": \"what's the weather today\", \"intent\": \"cancel\"}\n");
    Run r = run("evaluate", "--data", data.toString(), "--min-accuracy", "0.5");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("below --min-accuracy");
  }

  @Test
  void evaluateNamesTheMalformedLineAndExitsTwo() throws Exception {
    Path data = dir.resolve("d.jsonl");
    Files.writeString(data, "{\"text\": \"ok\", \"intent\": \"cancel\"}\n{not json\n");
    Run r = run("evaluate", "--data", data.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("offramp evaluate: " + data + ":2: not valid JSON (or more than one value on the line); expected one {\"text\": \"…\", \"intent\": \"…\"} a line");
  }

  @Test
  void evaluateOnAMissingFileExitsTwo() {
    Run r = run("evaluate", "--data", dir.resolve("nope.jsonl").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("is not a readable file").doesNotContain("Exception");
  }

  @Test
  void evaluateAcceptsAByteOrderMarkAndReportsGarbageAndUnknownLabelsByLine() throws Exception {
    Path bom = dir.resolve("bom.jsonl");
    Files.writeString(bom, "\uFEFF{\"text\": \"is there a fee to cancel\", \"intent\": \"penalty\"}\n");
    assertThat(run("evaluate", "--data", bom.toString(), "--json", "--intents", "intents").code()).isZero();
    Path garbage = dir.resolve("garbage.jsonl");
    Files.writeString(garbage, "{\"text\": \"a\", \"intent\": \"penalty\"}\n{\"text\": \"b\", \"intent\": \"none\"} trailing\n");
    Run g = run("evaluate", "--data", garbage.toString(), "--intents", "intents");
    assertThat(g.code()).isEqualTo(2);
    assertThat(g.err()).contains("garbage.jsonl:2:");
    Path label = dir.resolve("label.jsonl");
    Files.writeString(label, "{\"text\": \"a\", \"intent\": \"penalty\"}\n{\"text\": \"b\", \"intent\": \"penalti\"}\n");
    Run l = run("evaluate", "--data", label.toString(), "--intents", "intents");
    assertThat(l.code()).isEqualTo(2);
    assertThat(l.err()).contains("label.jsonl:2: unknown intent 'penalti'");
  }

  @Test
  void evaluateReportsABadOutDirectoryBeforeItRuns() throws Exception {
    Path data = dir.resolve("d.jsonl");
    Files.writeString(data, "{\"text\": \"is there a fee to cancel\", \"intent\": \"penalty\"}\n");
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    Run r = run("evaluate", "--data", data.toString(), "--intents", "intents", "--out", file.resolve("sub").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").contains("--out").doesNotContain("accuracy");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void validateReportsSkippedFilesAndTabsWhereSnakeYamlFindsThem() throws Exception {
    Files.writeString(dir.resolve("penalty.YAML"), "id: p\n");
    Files.createDirectory(dir.resolve("x.yaml"));
    Files.writeString(dir.resolve("t.yaml"), "id: t\ntitle: T\n\tsummary: S\n");
    Run r = run("validate", "--intents", dir.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("penalty.YAML:0:0: skipped: the extension is not lower case")
        .contains("x.yaml:0:0: skipped: a directory").contains("t.yaml:3:1: not valid YAML: found character '\\t(TAB)'");
  }

  /** Regression (issue 23): a mistyped JDBC URL put its password in clear in report's error (the driver quotes it). */
  @Test
  void reportNeverPrintsThePasswordOfItsDatabaseUrl() throws Exception {
    Path config = dir.resolve("config.properties");
    java.nio.file.Files.writeString(config, "insights.jdbc-url=jdbc:postgres://127.0.0.1:9/x?user=bot&password=hunter2\n");
    Run r = run("--config", config.toString(), "report");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).doesNotContain("hunter2").contains("password=***");
    assertThat(r.err().lines().count()).isEqualTo(1);
  }

  /** Regression (issue 23): "--since 9999999999999d" overflowed into "unexpected error". */
  @Test
  void reportSaysWhatIsWrongWithAnAbsurdSince() {
    Run r = run("report", "--since", "9999999999999d");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--since").doesNotContain("unexpected error");
    assertThat(r.err().lines().count()).isEqualTo(1);
  }
}
