package app.offramp.core.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads JSON Lines of {@code {"text": …, "intent": …}}, with optional string fields {@code "lang"} and
 * {@code "cat"} that group the figures; other keys are ignored.
 */
public final class LabelledDataReader {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** A line that is not a labelled question; the message names the file and line. */
  public static final class BadLineException extends Exception {
    private static final long serialVersionUID = 1L;

    BadLineException(String message) {
      super(message);
    }
  }

  public List<LabelledQuestion> read(Path file) throws IOException, BadLineException {
    return read(file, null);
  }

  /**
   * As {@link #read(Path)}, and every label must be one of {@code labels} ("none" always is): a
   * misspelt label would otherwise count as a wrong answer, silently.
   */
  public List<LabelledQuestion> read(Path file, java.util.Set<String> labels) throws IOException, BadLineException {
    List<LabelledQuestion> out = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (number == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1); // a byte-order mark, as some editors write: not part of the data
        }
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
          throw new BadLineException(file + ":" + number + ": not valid JSON (or more than one value on the line); "
              + "expected one {\"text\": \"…\", \"intent\": \"…\"} a line");
        }
        if (node == null || !node.isObject() || !node.path("text").isTextual() || !node.path("intent").isTextual()) {
          throw new BadLineException(file + ":" + number
              + ": expected an object with string fields \"text\" and \"intent\" (intent \"none\" for out of scope)");
        }
        String intent = node.get("intent").asText();
        if (labels != null && !labels.contains(intent) && !intent.equals(LabelledQuestion.NONE)) {
          throw new BadLineException(file + ":" + number + ": unknown intent '" + intent + "'; expected one of "
              + new java.util.TreeSet<>(labels) + " or none");
        }
        out.add(new LabelledQuestion(node.get("text").asText(), intent, tag(node, "lang"), tag(node, "cat")));
      }
    }
    return out;
  }

  /** An optional grouping field: its text when it is a string, else empty (a number or null groups nothing). */
  private static String tag(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.asText().strip() : "";
  }
}
