package app.offramp.core.match;

import java.util.List;

/**
 * Turns a sentence into a unit-length vector whose dot product with another's says how close their
 * meanings are. A port: the core states what it needs, an adapter (an ONNX model run in process)
 * provides it, and the core never sees the runtime.
 *
 * <p>Implementations are thread-safe and never return null; vectors all have {@link #dimension()}
 * components and a Euclidean length of 1 (0 for text with nothing to encode).
 */
public interface SentenceEncoder {
  int dimension();

  float[] encode(String text);

  /** Encodes many at once; a batch is cheaper per sentence than one call each. */
  List<float[]> encodeAll(List<String> texts);
}
