package app.offramp.adapter.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import app.offramp.TestPaths;
import app.offramp.core.intent.IntentCatalog;
import app.offramp.core.intent.IntentLoader;
import app.offramp.core.match.IntentMatcher;
import app.offramp.core.match.MatchThresholds;
import app.offramp.core.match.SentenceEncoder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real model and intents: a matcher built from kept vectors is the matcher built from scratch. */
class KeptExampleVectorsTest {
  private static final List<String> QUESTIONS = List.of("how do i cancel amazon music on my phone",
      "is there a fee if I cancel early", "will my playlists be gone after I cancel", "can you recommend a pizza place",
      "whats the difference between prime music and unlimited", "hi");

  /** Counts the examples the model is asked to encode in batches. */
  private static final class Counting implements SentenceEncoder {
    final AtomicInteger batchEncoded = new AtomicInteger();
    private final SentenceEncoder model = MiniLmSentenceEncoder.shared();

    @Override
    public int dimension() {
      return model.dimension();
    }

    @Override
    public float[] encode(String text) {
      return model.encode(text);
    }

    @Override
    public List<float[]> encodeAll(List<String> texts) {
      batchEncoded.addAndGet(texts.size());
      return model.encodeAll(texts);
    }
  }

  @Test
  void aRestartEncodesNoExampleAndMatchesExactlyAsBefore(@TempDir Path dir) throws Exception {
    IntentCatalog catalog = new IntentLoader().load(TestPaths.INTENTS);
    Path file = dir.resolve("example-vectors.bin");
    String identity = MiniLmSentenceEncoder.shared().identity();
    Counting first = new Counting();
    Counting restarted = new Counting();

    try (IntentMatcher cold = new IntentMatcher(catalog, MatchThresholds.DEFAULT, new FileBackedSentenceEncoder(first, identity, file));
        IntentMatcher warm = new IntentMatcher(catalog, MatchThresholds.DEFAULT,
            new FileBackedSentenceEncoder(restarted, identity, file))) {
      assertThat(first.batchEncoded.get()).isEqualTo(catalog.exampleCount() + catalog.outOfScopeExamples().size());
      assertThat(restarted.batchEncoded.get()).isZero();
      for (String question : QUESTIONS) {
        assertThat(warm.match(question)).as(question).isEqualTo(cold.match(question));
      }
    }
  }

  @Test
  void theModelsIdentityNamesItsFilesRuntimeAndVectorUnits() {
    assertThat(MiniLmSentenceEncoder.shared().identity())
        .matches("all-minilm-l6-v2-q model:[0-9a-f]{8} tokenizer:[0-9a-f]{8} onnxruntime:\\S+ \\S+ units:[a-z0-9_,]* max-chars:256");
  }
}
