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

/** The committed JSON Schema is the one editors use: it must accept our files and be referenced by each. */
class IntentSchemaTest {
  private static final Path SCHEMA = TestPaths.INTENTS.resolve("intent.schema.json");

  private final JsonSchema schema;

  IntentSchemaTest() throws IOException {
    JsonNode node = new ObjectMapper().readTree(SCHEMA.toFile());
    schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node);
  }

  @Test
  void everyIntentFileReferencesTheSchemaAndValidatesAgainstIt() throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(TestPaths.INTENTS)) {
      files = list.filter(p -> p.toString().endsWith(".yaml")).toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(10);
    for (Path file : files) {
      assertThat(Files.readAllLines(file).get(0)).as(file.toString())
          .isEqualTo("# yaml-language-server: $schema=intent.schema.json");
      Set<ValidationMessage> errors = schema.validate(new YAMLMapper().readTree(file.toFile()));
      assertThat(errors).as(file.toString()).isEmpty();
    }
  }

  @Test
  void theSchemaRejectsAnUnknownFieldAsTheLoaderDoes() throws IOException {
    JsonNode node = new YAMLMapper().readTree("id: a\ntitle: T\nsummary: S\nexamples: [a]\nanswer: x\ncolour: blue\n");
    assertThat(schema.validate(node)).isNotEmpty();
  }
}
