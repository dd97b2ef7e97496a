package app.offramp.core.intent;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads one YAML file into a located {@link YamlNode} tree, refusing what could hurt a running
 * bot: files over 1 MiB, bytes that are not UTF-8, aliases (the building block of "billion laughs"
 * bombs, which Offramp's format never needs), duplicate keys and deep nesting.
 */
final class YamlTreeReader {
  static final int MAX_BYTES = 1024 * 1024;
  private static final int MAX_DEPTH = 16;

  private final YAMLFactory factory;

  YamlTreeReader() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(0);
    options.setNestingDepthLimit(MAX_DEPTH + 4);
    options.setCodePointLimit(MAX_BYTES);
    this.factory = YAMLFactory.builder().loaderOptions(options).build();
  }

  /** The tree, or the problems that kept it from being read; {@code problems} gets them. */
  YamlNode read(String file, byte[] bytes, List<Problem> problems) {
    if (bytes.length > MAX_BYTES) {
      problems.add(new Problem(file, 0, 0,
          "file is " + bytes.length + " bytes; an intent file may be at most " + MAX_BYTES + " bytes (1 MiB)"));
      return null;
    }
    String text = decodeUtf8(file, bytes, problems);
    if (text == null) {
      return null;
    }
    try (YAMLParser parser = factory.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        problems.add(new Problem(file, 1, 1, "file is empty; expected a mapping with id, title, summary and examples"));
        return null;
      }
      YamlNode root = readValue(file, parser, 0, problems);
      if (parser.nextToken() != null) {
        JsonLocation at = parser.currentTokenLocation();
        problems.add(new Problem(file, at.getLineNr(), at.getColumnNr(),
            "a second YAML document; expected one intent a file"));
      }
      return root;
    } catch (StreamConstraintsException e) {
      problems.add(located(file, e, "file is too large or too deeply nested"));
      return null;
    } catch (JacksonException e) {
      problems.add(snakeYamlProblem(file, e).orElseGet(
          () -> located(file, e, "not valid YAML: " + firstLine(e.getOriginalMessage()))));
      return null;
    } catch (IOException | RuntimeException e) {
      problems.add(new Problem(file, 0, 0, "could not be read as YAML: " + firstLine(String.valueOf(e.getMessage()))));
      return null;
    }
  }

  private YamlNode readValue(String file, YAMLParser parser, int depth, List<Problem> problems)
      throws IOException {
    JsonLocation at = parser.currentTokenLocation();
    int line = at.getLineNr();
    int col = at.getColumnNr();
    if (depth > MAX_DEPTH) {
      throw new StreamConstraintsException("nesting deeper than " + MAX_DEPTH);
    }
    if (parser.isCurrentAlias()) {
      problems.add(new Problem(file, line, col,
          "YAML alias '*" + parser.getText() + "' is not allowed; write the value out in full"));
      return new YamlNode.Scalar("", YamlNode.Scalar.Type.NULL, line, col);
    }
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT -> {
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          JsonLocation keyAt = parser.currentTokenLocation();
          String key = parser.currentName();
          parser.nextToken();
          YamlNode value = readValue(file, parser, depth + 1, problems);
          if (entries.containsKey(key)) {
            problems.add(new Problem(file, keyAt.getLineNr(), keyAt.getColumnNr(),
                "duplicate key '" + key + "'; each key may appear once"));
          } else {
            entries.put(key, new YamlNode.Entry(key, keyAt.getLineNr(), keyAt.getColumnNr(), value));
          }
        }
        return new YamlNode.Mapping(entries, line, col);
      }
      case START_ARRAY -> {
        List<YamlNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(readValue(file, parser, depth + 1, problems));
        }
        return new YamlNode.Sequence(items, line, col);
      }
      case VALUE_STRING -> {
        return new YamlNode.Scalar(parser.getText(), YamlNode.Scalar.Type.STRING, line, col);
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return new YamlNode.Scalar(parser.getText(), YamlNode.Scalar.Type.NUMBER, line, col);
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return new YamlNode.Scalar(parser.getText(), YamlNode.Scalar.Type.BOOLEAN, line, col);
      }
      default -> {
        return new YamlNode.Scalar("", YamlNode.Scalar.Type.NULL, line, col);
      }
    }
  }

  /** Strict UTF-8: a bad byte is reported with its line and column instead of becoming '?'. */
  private static String decodeUtf8(String file, byte[] bytes, List<Problem> problems) {
    int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int offset = in.position();
      int line = 1;
      int lineStart = start;
      for (int i = start; i < offset; i++) {
        if (bytes[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      String column = String.valueOf(new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8).length() + 1);
      problems.add(new Problem(file, line, Integer.parseInt(column), String.format(
          "invalid UTF-8 (byte 0x%02X at offset %d); save the file as UTF-8", bytes[offset] & 0xFF, offset)));
      return null;
    }
    out.flip();
    return out.toString();
  }

  /**
   * SnakeYAML knows where the problem is and what it is ("found character '\\t' that cannot start
   * any token"); Jackson's wrapper reports where scanning began and drops the reason. Use SnakeYAML's.
   */
  private static java.util.Optional<Problem> snakeYamlProblem(String file, JacksonException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked && marked.getProblemMark() != null) {
        String reason = marked.getProblem() == null ? "unknown error" : marked.getProblem();
        String context = marked.getContext() == null ? "" : " (" + marked.getContext()
            + (marked.getContextMark() == null ? "" : " that starts at line " + (marked.getContextMark().getLine() + 1))
            + ")";
        return java.util.Optional.of(new Problem(file, marked.getProblemMark().getLine() + 1,
            marked.getProblemMark().getColumn() + 1, "not valid YAML: " + firstLine(reason + context)
));
      }
    }
    return java.util.Optional.empty();
  }

  private static Problem located(String file, JacksonException e, String message) {
    JsonLocation at = e.getLocation();
    int line = at == null ? 0 : Math.max(at.getLineNr(), 0);
    int col = at == null ? 0 : Math.max(at.getColumnNr(), 0);
    return new Problem(file, line, col, message);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    String line = message.strip().lines().findFirst().orElse("unknown error");
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }
}
