package app.offramp.adapter.embedding;

import app.offramp.core.match.SentenceEncoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An encoder that keeps the vectors of the intent examples in a file ({@code match.vectors-cache}),
 * so a restart encodes only the examples that are new since the last start: encoding the 639
 * examples took about half a second of a start-up that members wait on (BENCHMARKS.md).
 *
 * <p>The file holds exactly the sentences of the last {@link #encodeAll} (the current examples), so
 * it never grows past the catalog. It is a cache and nothing more: when it is missing, damaged or
 * made by another model, every example is encoded as if it were not there, and the file is written
 * again; when it cannot be written, the bot runs on and says so once. Members' messages go
 * straight to the model ({@link #encode}), except a message that is an example word for word.
 */
public final class FileBackedSentenceEncoder implements SentenceEncoder {
  private static final Logger LOG = LoggerFactory.getLogger(FileBackedSentenceEncoder.class);

  private final SentenceEncoder model;
  private final String identity;
  private final Path file;
  /** The vectors of the last encodeAll's sentences: what the file holds once written. */
  private volatile Map<String, float[]> examples = Map.of();

  /**
   * @param model    what encodes a sentence the file does not have
   * @param identity names the model and everything that shapes its vectors; a file stamped with
   *                 any other is not used
   * @param file     where the vectors are kept
   */
  public FileBackedSentenceEncoder(SentenceEncoder model, String identity, Path file) {
    this.model = model;
    this.identity = identity;
    this.file = file;
  }

  /** The sentence model run in process, its examples' vectors kept in {@code file}. */
  public static FileBackedSentenceEncoder miniLm(Path file) {
    MiniLmSentenceEncoder model = MiniLmSentenceEncoder.shared();
    return new FileBackedSentenceEncoder(model, model.identity(), file);
  }

  @Override
  public int dimension() {
    return model.dimension();
  }

  @Override
  public float[] encode(String text) {
    float[] known = examples.get(text);
    return known != null ? known : model.encode(text);
  }

  @Override
  public List<float[]> encodeAll(List<String> texts) {
    Map<String, float[]> stored = read();
    List<String> toEncode = texts.stream().filter(text -> !stored.containsKey(text)).distinct().toList();
    List<float[]> encoded = toEncode.isEmpty() ? List.of() : model.encodeAll(toEncode);
    Map<String, float[]> current = new LinkedHashMap<>();
    for (int i = 0; i < toEncode.size(); i++) {
      current.put(toEncode.get(i), encoded.get(i));
    }
    for (String text : texts) {
      float[] v = stored.get(text);
      if (v != null) {
        current.put(text, v);
      }
    }
    examples = current;
    LOG.debug("Example vectors: {} read from {}, {} encoded", current.size() - toEncode.size(), file, toEncode.size());
    if (!toEncode.isEmpty() || stored.size() != current.size()) {
      try {
        VectorFile.write(file, identity, dimension(), current);
      } catch (IOException | RuntimeException e) {
        LOG.warn("Example vectors not kept in {} ({}); the next start encodes them again", file, e.toString());
      }
    }
    return texts.stream().map(current::get).toList();
  }

  private Map<String, float[]> read() {
    try {
      return VectorFile.read(file, identity, dimension());
    } catch (VectorFile.Unusable e) {
      LOG.warn("Example vectors in {} not used: {}; encoding the examples and writing the file again", file, e.getMessage());
    } catch (IOException | RuntimeException e) {
      LOG.warn("Example vectors in {} could not be read ({}); encoding the examples", file, e.toString());
    }
    return Map.of();
  }
}
