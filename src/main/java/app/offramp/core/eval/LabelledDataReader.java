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

/** Reads JSON Lines of {@code {"text": …, "intent": …}}; other keys are ignored. */
public final class LabelledDataReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A line that is not a labelled question; the message names the file and line. */
  public static final class BadLineException extends Exception {
    private static final long serialVersionUID = 1L;

    BadLineException(String message) {
      super(message);
    }
  }

  public List<LabelledQuestion> read(Path file) throws IOException, BadLineException {
    List<LabelledQuestion> out = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
          throw new BadLineException(file + ":" + number + ": not valid JSON; expected {\"text\": \"…\", \"intent\": \"…\"}");
        }
        if (node == null || !node.isObject() || !node.path("text").isTextual() || !node.path("intent").isTextual()) {
          throw new BadLineException(file + ":" + number
              + ": expected an object with string fields \"text\" and \"intent\" (intent \"none\" for out of scope)");
        }
        out.add(new LabelledQuestion(node.get("text").asText(), node.get("intent").asText()));
      }
    }
    return out;
  }
}
