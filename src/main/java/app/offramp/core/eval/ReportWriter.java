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
    node.set("overall", group(e.overall()));
    if (!e.groups().isEmpty()) {
      ObjectNode groups = node.putObject("groups");
      e.groups().forEach((tag, values) -> {
        ObjectNode byValue = groups.putObject(tag);
        values.forEach((value, g) -> byValue.set(value.isEmpty() ? "(untagged)" : value, group(g)));
      });
    }
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

  private static ObjectNode group(Evaluation.GroupScore g) {
    ObjectNode node = JSON.createObjectNode();
    node.put("total", g.total());
    putRate(node, "accuracy", g.accuracy());
    node.put("in_scope", g.inScope());
    putRate(node, "in_scope_accuracy", g.inScopeAccuracy());
    node.put("out_of_scope", g.outOfScope());
    putRate(node, "oos_false_accept_rate", g.falseAcceptRate());
    return node;
  }

  private static void putRate(ObjectNode node, String field, double rate) {
    if (Double.isNaN(rate)) {
      node.putNull(field);
    } else {
      node.put(field, rate);
    }
  }

  public String text(Evaluation e) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "questions: %d%naccuracy: %.4f%nmacro F1: %.4f%n", e.total(), e.accuracy(), e.macroF1()));
    out.append(Double.isNaN(e.outOfScopeFalseAcceptRate()) ? "out-of-scope false-accept rate: n/a (no 'none' questions)\n"
        : String.format(Locale.ROOT, "out-of-scope false-accept rate: %.4f%n", e.outOfScopeFalseAcceptRate()));
    Evaluation.GroupScore all = e.overall();
    if (all.inScope() > 0 && all.outOfScope() > 0) {
      out.append(String.format(Locale.ROOT, "in-scope accuracy: %.4f (%d of %d)%n", all.inScopeAccuracy(),
          all.inScopeCorrect(), all.inScope()));
    }
    out.append(String.format(Locale.ROOT, "%-20s %9s %9s %9s %8s%n", "intent", "precision", "recall", "f1", "support"));
    e.perLabel().forEach((label, s) -> out.append(String.format(Locale.ROOT, "%-20s %9.3f %9.3f %9.3f %8d%n",
        label, s.precision(), s.recall(), s.f1(), s.support())));
    e.groups().forEach((tag, values) -> {
      out.append(String.format(Locale.ROOT, "%-20s %9s %9s %14s %14s%n", "by " + tag, "questions", "accuracy",
          "in-scope", "oos accepted"));
      values.forEach((value, g) -> out.append(String.format(Locale.ROOT, "%-20s %9d %9s %14s %14s%n",
          value.isEmpty() ? "(untagged)" : value, g.total(), rate(g.accuracy()),
          g.inScope() == 0 ? "-" : rate(g.inScopeAccuracy()) + " (" + g.inScope() + ")",
          g.outOfScope() == 0 ? "-" : rate(g.falseAcceptRate()) + " (" + g.outOfScope() + ")")));
    });
    out.append(String.format(Locale.ROOT, "speed, first pass (cold): %.0f messages/s, p50 %.1f us, p99 %.1f us%n",
        e.speed().messagesPerSecond(), e.speed().p50Micros(), e.speed().p99Micros()));
    e.warmSpeed().ifPresent(w -> out.append(String.format(Locale.ROOT,
        "speed, warm (p50 stable within 5%%): %.0f messages/s, p50 %.1f us, p99 %.1f us%n",
        w.messagesPerSecond(), w.p50Micros(), w.p99Micros())));
    return out.toString();
  }

  private static String rate(double r) {
    return Double.isNaN(r) ? "-" : String.format(Locale.ROOT, "%.3f", r);
  }
}
