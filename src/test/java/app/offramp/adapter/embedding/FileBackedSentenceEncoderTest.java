package app.offramp.adapter.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import app.offramp.core.match.SentenceEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBackedSentenceEncoderTest {
  private static final String MODEL = "test-model v1";
  private static final List<String> EXAMPLES = List.of("how do I cancel", "is there a fee", "back up my playlists");

  @TempDir
  Path dir;

  /** A model that counts what it is asked to encode; a sentence's vector is derived from its text. */
  static final class CountingModel implements SentenceEncoder {
    final List<String> encoded = new ArrayList<>();

    @Override
    public int dimension() {
      return 4;
    }

    @Override
    public synchronized float[] encode(String text) {
      encoded.add(text);
      return vectorOf(text);
    }

    @Override
    public synchronized List<float[]> encodeAll(List<String> texts) {
      encoded.addAll(texts);
      return texts.stream().map(CountingModel::vectorOf).toList();
    }

    static float[] vectorOf(String text) {
      float[] v = {text.length(), text.hashCode() % 97, text.isEmpty() ? 0 : text.charAt(0), 1};
      double length = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2] + v[3] * v[3]);
      for (int i = 0; i < v.length; i++) {
        v[i] /= (float) length;
      }
      return v;
    }
  }

  @Test
  void theFirstStartEncodesEveryExampleAndKeepsTheirVectorsInTheFile() throws Exception {
    Path file = dir.resolve("vectors.bin");
    CountingModel model = new CountingModel();

    List<float[]> vectors = new FileBackedSentenceEncoder(model, MODEL, file).encodeAll(EXAMPLES);

    assertThat(model.encoded).containsExactlyElementsOf(EXAMPLES);
    assertThat(vectors).hasSize(3);
    Map<String, float[]> kept = VectorFile.read(file, MODEL, 4);
    assertThat(kept.keySet()).containsExactlyInAnyOrderElementsOf(EXAMPLES);
    for (int i = 0; i < EXAMPLES.size(); i++) {
      assertThat(kept.get(EXAMPLES.get(i))).containsExactly(vectors.get(i));
    }
  }

  @Test
  void aRestartEncodesNoExampleTheFileHasAndGetsTheSameVectors() {
    Path file = dir.resolve("vectors.bin");
    List<float[]> first = new FileBackedSentenceEncoder(new CountingModel(), MODEL, file).encodeAll(EXAMPLES);
    CountingModel restarted = new CountingModel();

    List<float[]> again = new FileBackedSentenceEncoder(restarted, MODEL, file).encodeAll(EXAMPLES);

    assertThat(restarted.encoded).isEmpty();
    for (int i = 0; i < first.size(); i++) {
      assertThat(again.get(i)).containsExactly(first.get(i));
    }
  }

  @Test
  void anEditedCatalogEncodesOnlyTheNewExampleAndTheFileKeepsOnlyTheCurrentOnes() throws Exception {
    Path file = dir.resolve("vectors.bin");
    new FileBackedSentenceEncoder(new CountingModel(), MODEL, file).encodeAll(EXAMPLES);
    List<String> edited = List.of("how do I cancel", "is there a fee", "export my playlists first");
    CountingModel model = new CountingModel();

    List<float[]> vectors = new FileBackedSentenceEncoder(model, MODEL, file).encodeAll(edited);

    assertThat(model.encoded).containsExactly("export my playlists first");
    assertThat(vectors.get(2)).containsExactly(CountingModel.vectorOf("export my playlists first"));
    assertThat(VectorFile.read(file, MODEL, 4).keySet()).containsExactlyInAnyOrderElementsOf(edited);
  }

  @Test
  void aFileMadeByAnotherModelIsNotUsedAndIsWrittenAgainForThisOne() throws Exception {
    Path file = dir.resolve("vectors.bin");
    new FileBackedSentenceEncoder(new CountingModel(), "test-model v0", file).encodeAll(EXAMPLES);
    CountingModel model = new CountingModel();

    new FileBackedSentenceEncoder(model, MODEL, file).encodeAll(EXAMPLES);

    assertThat(model.encoded).containsExactlyElementsOf(EXAMPLES);
    assertThat(VectorFile.read(file, MODEL, 4)).hasSize(3);
  }

  @Test
  void aDamagedFileIsNotUsedAndIsWrittenAgain() throws Exception {
    Path file = dir.resolve("vectors.bin");
    new FileBackedSentenceEncoder(new CountingModel(), MODEL, file).encodeAll(EXAMPLES);
    byte[] whole = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 5));
    CountingModel model = new CountingModel();

    List<float[]> vectors = new FileBackedSentenceEncoder(model, MODEL, file).encodeAll(EXAMPLES);

    assertThat(model.encoded).containsExactlyElementsOf(EXAMPLES);
    assertThat(vectors.get(0)).containsExactly(CountingModel.vectorOf(EXAMPLES.get(0)));
    assertThat(Files.readAllBytes(file)).isEqualTo(whole);
  }

  @Test
  void aFileThatCannotBeWrittenLeavesTheEncoderWorking() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x", StandardCharsets.UTF_8);
    CountingModel model = new CountingModel();
    FileBackedSentenceEncoder encoder = new FileBackedSentenceEncoder(model, MODEL, notADirectory.resolve("vectors.bin"));

    List<float[]> vectors = encoder.encodeAll(EXAMPLES);

    assertThat(vectors.get(1)).containsExactly(CountingModel.vectorOf(EXAMPLES.get(1)));
    assertThat(encoder.encode("something else")).containsExactly(CountingModel.vectorOf("something else"));
  }

  @Test
  void aMessageThatIsAnExampleWordForWordIsNotEncodedAgainAndAnyOtherIs() {
    CountingModel model = new CountingModel();
    FileBackedSentenceEncoder encoder = new FileBackedSentenceEncoder(model, MODEL, dir.resolve("vectors.bin"));
    encoder.encodeAll(EXAMPLES);
    model.encoded.clear();

    encoder.encode("is there a fee");
    encoder.encode("is there a fee?");

    assertThat(model.encoded).containsExactly("is there a fee?");
  }
}
