package app.offramp.adapter.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorFileTest {
  @TempDir
  Path dir;

  @Property(tries = 200)
  void whatIsWrittenIsReadBackExactly(@ForAll List<String> sentences, @ForAll long seed) throws Exception {
    Path file = Files.createTempDirectory("vector-file").resolve("v.bin");
    java.util.Random random = new java.util.Random(seed);
    Map<String, float[]> vectors = new LinkedHashMap<>();
    for (String s : sentences) {
      vectors.put(s, unit(random, 8));
    }

    Map<String, float[]> read;
    try {
      VectorFile.write(file, "model ü 1", 8, vectors);
      read = VectorFile.read(file, "model ü 1", 8);
    } finally {
      // jqwik has no @TempDir: each try cleans up after itself
      Files.deleteIfExists(file);
      Files.delete(file.getParent());
    }

    assertThat(read.keySet()).containsExactlyElementsOf(vectors.keySet());
    vectors.forEach((s, v) -> assertThat(read.get(s)).containsExactly(v));
  }

  @Test
  void noFileIsNothingKept() throws Exception {
    assertThat(VectorFile.read(dir.resolve("absent.bin"), "m", 8)).isEmpty();
  }

  @Test
  void aFileOfAnotherKindSaysSo() throws Exception {
    Path file = Files.writeString(dir.resolve("v.bin"), "hello, not vectors", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> VectorFile.read(file, "m", 8)).isInstanceOf(VectorFile.Unusable.class)
        .hasMessage("not a vector file (it does not start with OFVF)");
  }

  @Test
  void anotherModelsFileSaysWhichModelMadeIt() throws Exception {
    Path file = dir.resolve("v.bin");
    VectorFile.write(file, "model A", 8, Map.of("hi", unit(new java.util.Random(1), 8)));

    assertThatThrownBy(() -> VectorFile.read(file, "model B", 8)).isInstanceOf(VectorFile.Unusable.class)
        .hasMessage("made by another model, runtime or processor (model A), expected model B");
    assertThatThrownBy(() -> VectorFile.read(file, "model A", 16)).isInstanceOf(VectorFile.Unusable.class)
        .hasMessage("vectors of 8 dimensions, expected 16");
  }

  @Test
  void aCutShortFileSaysItEndsEarly() throws Exception {
    Path file = dir.resolve("v.bin");
    VectorFile.write(file, "m", 8, Map.of("hi", unit(new java.util.Random(1), 8), "yo", unit(new java.util.Random(2), 8)));
    byte[] whole = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 1));

    assertThatThrownBy(() -> VectorFile.read(file, "m", 8)).isInstanceOf(VectorFile.Unusable.class)
        .hasMessage("it ends early (" + (whole.length - 1) + " bytes)");
  }

  @Test
  void aVectorThatIsNotOfUnitLengthIsDamage() throws Exception {
    Path file = dir.resolve("v.bin");
    Map<String, float[]> vectors = new LinkedHashMap<>();
    vectors.put("hi", new float[] {0.6f, 0.8f});
    vectors.put("yo", new float[] {0.6f, 0.9f});
    VectorFile.write(file, "m", 2, vectors);

    assertThatThrownBy(() -> VectorFile.read(file, "m", 2)).isInstanceOf(VectorFile.Unusable.class)
        .hasMessage("the vector of sentence 2 is not of unit length");
  }

  @Test
  void aWriteLeavesNoTemporaryFileBehind() throws Exception {
    VectorFile.write(dir.resolve("v.bin"), "m", 2, Map.of("hi", new float[] {0.6f, 0.8f}));

    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("v.bin");
    }
  }

  private static float[] unit(java.util.Random random, int dimension) {
    float[] v = new float[dimension];
    double sum = 0;
    for (int i = 0; i < dimension; i++) {
      v[i] = (float) random.nextGaussian();
      sum += v[i] * v[i];
    }
    for (int i = 0; i < dimension; i++) {
      v[i] /= (float) Math.sqrt(sum);
    }
    return v;
  }
}
