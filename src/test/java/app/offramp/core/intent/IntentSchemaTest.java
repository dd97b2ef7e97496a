package app.offramp.core.intent;

import static org.assertj.core.api.Assertions.assertThat;

import app.offramp.TestPaths;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed JSON Schemas are the ones editors use: each file of the intents directory names its
 * schema on its first line (intent.schema.json; services.yaml and controls.yaml their own) and
 * validates against it.
 */
class IntentSchemaTest {
  private static final Path SCHEMA = TestPaths.INTENTS.resolve("intent.schema.json");

  private final JsonSchema schema;

  IntentSchemaTest() throws IOException {
    schema = load("intent.schema.json");
  }

  private static JsonSchema load(String name) throws IOException {
    JsonNode node = new ObjectMapper().readTree(TestPaths.INTENTS.resolve(name).toFile());
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node);
  }

  private static String schemaOf(Path file) {
    String name = file.getFileName().toString();
    return switch (name) {
      case "services.yaml" -> "services.schema.json";
      case "controls.yaml" -> "controls.schema.json";
      case "learned.yaml" -> "learned.schema.json";
      default -> "intent.schema.json";
    };
  }

  @Test
  void everyFileReferencesItsSchemaAndValidatesAgainstIt() throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(TestPaths.INTENTS)) {
      files = list.filter(p -> p.toString().endsWith(".yaml")).toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(12);
    assertThat(files).extracting(p -> p.getFileName().toString()).contains("services.yaml", "controls.yaml");
    for (Path file : files) {
      String schemaName = schemaOf(file);
      assertThat(Files.readAllLines(file).get(0)).as(file.toString())
          .isEqualTo("# yaml-language-server: $schema=" + schemaName);
      Set<ValidationMessage> errors = load(schemaName).validate(new YAMLMapper().readTree(file.toFile()));
      assertThat(errors).as(file.toString()).isEmpty();
    }
  }

  /** learned.yaml is written by the bot: what it writes names its schema and validates; what the loader refuses does not. */
  @Test
  void theLearnedFileTheBotWritesValidatesAgainstItsSchema() throws IOException {
    JsonSchema learned = load("learned.schema.json");
    String yaml = new LearnedExamples(List.of(new LearnedExamples.Lesson(3, "cancel",
        java.time.Instant.parse("2026-12-04T20:31:05Z"), "3fa9c2d1", List.of("get me off the \"tunes\" thing")))).toYaml();
    assertThat(yaml.lines().findFirst()).hasValue("# yaml-language-server: $schema=learned.schema.json");
    assertThat(learned.validate(new YAMLMapper().readTree(yaml))).isEmpty();
    assertThat(learned.validate(new YAMLMapper().readTree(LearnedExamples.NONE.toYaml()))).isEmpty();
    assertThat(learned.validate(new YAMLMapper().readTree("lessons:\n  - id: 0\n    intent: cancel\n    at: x\n    by: y\n"
        + "    examples: []\n"))).as("id from 1, at least one example").isNotEmpty();
  }

  @Test
  void theServicesAndControlsSchemasRejectWhatTheLoaderRefuses() throws IOException {
    JsonSchema services = load("services.schema.json");
    assertThat(services.validate(new YAMLMapper().readTree("service: X\nnames: [x]\nother_services: {Y: [y]}\n")))
        .isEmpty();
    assertThat(services.validate(new YAMLMapper().readTree("service: X\nnames: [x]\nother_services: {Y: [y]}\ncolour: 1\n")))
        .isNotEmpty();
    assertThat(services.validate(new YAMLMapper().readTree("service: X\nnames: []\nother_services: {}\n"))).isNotEmpty();
    JsonSchema controls = load("controls.schema.json");
    JsonNode good = new YAMLMapper().readTree(TestPaths.INTENTS.resolve("controls.yaml").toFile());
    assertThat(controls.validate(good)).isEmpty();
    ((com.fasterxml.jackson.databind.node.ObjectNode) good.get("small_talk")).putArray("thanks").add("thank you");
    assertThat(controls.validate(good)).as("a courtesy of two words").isNotEmpty();
  }

  @Test
  void theSchemaRejectsAnUnknownFieldAsTheLoaderDoes() throws IOException {
    JsonNode node = new YAMLMapper().readTree("id: a\ntitle: T\nsummary: S\nexamples: [a]\nanswer: x\ncolour: blue\n");
    assertThat(schema.validate(node)).isNotEmpty();
  }
}
