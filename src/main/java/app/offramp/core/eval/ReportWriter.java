package app.offramp.core.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import app.offramp.core.match.MatchExplanation;

/** Writes an {@link Evaluation} as rasa-style report files and as a one-line JSON summary. */
public final class ReportWriter {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Writes {@code intent_report.json} and {@code intent_errors.json} into {@code dir}. */
  public void write(Evaluation evaluation, Path dir) throws IOException {
    write(evaluation, dir, null);
  }

  /**
   * As {@link #write(Evaluation, Path)}; with {@code explain}, each error also gets a {@code why}:
   * the matcher's features and their weights for the best candidates, and the nearest examples.
   */
  public void write(Evaluation evaluation, Path dir, Function<String, MatchExplanation> explain) throws IOException {
    Files.createDirectories(dir);
    ObjectNode report = JSON.createObjectNode();
    evaluation.perLabel().forEach((label, score) -> report.set(label, score(score)));
    report.put("accuracy", evaluation.accuracy());
    report.set("macro avg", score(evaluation.macroAvg()));
    report.set("weighted avg", score(evaluation.weightedAvg()));
    JSON.writeValue(dir.resolve("intent_report.json").toFile(), report);

    ArrayNode errors = JSON.createArrayNode();
    for (Evaluation.Error e : evaluation.errors()) {
      ObjectNode error = errors.addObject();
      error.put("text", e.text());
      error.put("intent", e.intent());
      ObjectNode prediction = error.putObject("intent_prediction");
      prediction.put("name", e.predicted());
      prediction.put("confidence", e.confidence());
      if (explain != null) {
        error.set("why", JSON.valueToTree(explain.apply(e.text())));
      }
    }
    JSON.writeValue(dir.resolve("intent_errors.json").toFile(), errors);
  }

  private static ObjectNode score(Evaluation.LabelScore s) {
    ObjectNode node = JSON.createObjectNode();
    node.put("precision", s.precision());
    node.put("recall", s.recall());
    node.put("f1-score", s.f1());
    node.put("support", s.support());
    if (!s.confusedWith().isEmpty()) {
      ObjectNode confused = node.putObject("confused_with");
      s.confusedWith().entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
          .forEach(e -> confused.put(e.getKey(), e.getValue()));
    } else {
      node.putObject("confused_with");
    }
    return node;
  }

  public String summaryJson(Evaluation e) {
    ObjectNode node = JSON.createObjectNode();
    node.put("total", e.total());
    node.put("accuracy", e.accuracy());
    node.put("macro_f1", e.macroF1());
    if (Double.isNaN(e.outOfScopeFalseAcceptRate())) {
      node.putNull("oos_false_accept_rate");
    } else {
      node.put("oos_false_accept_rate", e.outOfScopeFalseAcceptRate());
    }
    node.put("errors", e.errors().size());
    // "speed" is the warm figure when measured (what a running bot sees), else the cold one.
    Evaluation.Speed best = e.warmSpeed().orElse(e.speed());
    ObjectNode speed = node.putObject("speed");
    speed.put("messages_per_second", best.messagesPerSecond());
    speed.put("p50_us", best.p50Micros());
    speed.put("p99_us", best.p99Micros());
    speed.put("warm", best.warm());
    ObjectNode cold = node.putObject("cold_speed");
    cold.put("messages_per_second", e.speed().messagesPerSecond());
    cold.put("p50_us", e.speed().p50Micros());
    cold.put("p99_us", e.speed().p99Micros());
    ObjectNode intents = node.putObject("intents");
    e.perLabel().forEach((label, s) -> {
      ObjectNode i = intents.putObject(label);
      i.put("precision", s.precision());
      i.put("recall", s.recall());
      i.put("f1", s.f1());
      i.put("support", s.support());
    });
    return node.toString();
  }

  public String text(Evaluation e) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "questions: %d%naccuracy: %.4f%nmacro F1: %.4f%n", e.total(), e.accuracy(), e.macroF1()));
    out.append(Double.isNaN(e.outOfScopeFalseAcceptRate()) ? "out-of-scope false-accept rate: n/a (no 'none' questions)\n"
        : String.format(Locale.ROOT, "out-of-scope false-accept rate: %.4f%n", e.outOfScopeFalseAcceptRate()));
    out.append(String.format(Locale.ROOT, "%-20s %9s %9s %9s %8s%n", "intent", "precision", "recall", "f1", "support"));
    e.perLabel().forEach((label, s) -> out.append(String.format(Locale.ROOT, "%-20s %9.3f %9.3f %9.3f %8d%n",
        label, s.precision(), s.recall(), s.f1(), s.support())));
    out.append(String.format(Locale.ROOT, "speed, first pass (cold): %.0f messages/s, p50 %.1f us, p99 %.1f us%n",
        e.speed().messagesPerSecond(), e.speed().p50Micros(), e.speed().p99Micros()));
    e.warmSpeed().ifPresent(w -> out.append(String.format(Locale.ROOT,
        "speed, warm (p50 stable within 5%%): %.0f messages/s, p50 %.1f us, p99 %.1f us%n",
        w.messagesPerSecond(), w.p50Micros(), w.p99Micros())));
    return out.toString();
  }
}
