package app.offramp.adapter.embedding;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sentences and their vectors in one binary file, stamped with the identity of the model that made
 * them: a file made by another model (or another version of its runtime, or on a processor with other vector units) is not used, since its
 * vectors would not be comparable with the ones the model makes now.
 *
 * <p>Layout, big-endian: magic {@code OFVF}, format version, identity (length-prefixed UTF-8),
 * dimension, count; then per sentence its UTF-8 bytes (length-prefixed) and {@code dimension}
 * floats. Written to a temporary file and moved into place, so a reader never sees half a file.
 */
final class VectorFile {
  private static final int MAGIC = 0x4F465646; // "OFVF"
  private static final int VERSION = 1;
  /** No sentence of an intent file comes near this; a length past it means the file is damaged. */
  private static final int MAX_TEXT_BYTES = 1 << 20;
  /** A stored vector is unit length (or zero for blank text); anything else is damage. */
  private static final double LENGTH_TOLERANCE = 1e-3;

  private VectorFile() {}

  /** Why a file could not be used; the message says what was wrong with it. */
  static final class Unusable extends Exception {
    Unusable(String reason) {
      super(reason);
    }
  }

  /**
   * The file's sentences and vectors, in the order written; empty when there is no file.
   *
   * @throws Unusable when the file exists but was made by another model or is damaged
   */
  static Map<String, float[]> read(Path file, String identity, int dimension) throws IOException, Unusable {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Map.of();
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      if (bytes.length < 8 || in.getInt() != MAGIC) {
        throw new Unusable("not a vector file (it does not start with OFVF)");
      }
      int version = in.getInt();
      if (version != VERSION) {
        throw new Unusable("format version " + version + ", expected " + VERSION);
      }
      String madeBy = text(in);
      if (!madeBy.equals(identity)) {
        throw new Unusable("made by another model, runtime or processor (" + madeBy + "), expected " + identity);
      }
      int dim = in.getInt();
      if (dim != dimension) {
        throw new Unusable("vectors of " + dim + " dimensions, expected " + dimension);
      }
      int count = in.getInt();
      if (count < 0) {
        throw new Unusable("a negative count of sentences (" + count + ")");
      }
      Map<String, float[]> vectors = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        String sentence = text(in);
        float[] v = new float[dimension];
        in.asFloatBuffer().get(v);
        in.position(in.position() + dimension * Float.BYTES);
        double length = 0;
        for (float x : v) {
          length += x * x;
        }
        if (Double.isNaN(length) || (length != 0 && Math.abs(Math.sqrt(length) - 1) > LENGTH_TOLERANCE)) {
          throw new Unusable("the vector of sentence " + (i + 1) + " is not of unit length");
        }
        vectors.put(sentence, v);
      }
      if (in.hasRemaining()) {
        throw new Unusable(in.remaining() + " bytes after the " + count + " sentences its header announces");
      }
      return vectors;
    } catch (BufferUnderflowException e) {
      throw new Unusable("it ends early (" + bytes.length + " bytes)");
    }
  }

  /** Writes {@code vectors} (each of {@code dimension} floats) as the file's whole content. */
  static void write(Path file, String identity, int dimension, Map<String, float[]> vectors) throws IOException {
    byte[] madeBy = identity.getBytes(StandardCharsets.UTF_8);
    Map<byte[], float[]> entries = new LinkedHashMap<>();
    int size = 4 + 4 + 4 + madeBy.length + 4 + 4;
    for (Map.Entry<String, float[]> e : vectors.entrySet()) {
      if (e.getValue().length != dimension) {
        throw new IllegalArgumentException("a vector of " + e.getValue().length + " dimensions, expected " + dimension);
      }
      byte[] sentence = e.getKey().getBytes(StandardCharsets.UTF_8);
      if (sentence.length <= MAX_TEXT_BYTES) {
        entries.put(sentence, e.getValue());
        size += 4 + sentence.length + dimension * Float.BYTES;
      }
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    out.putInt(MAGIC).putInt(VERSION).putInt(madeBy.length).put(madeBy).putInt(dimension).putInt(entries.size());
    for (Map.Entry<byte[], float[]> e : entries.entrySet()) {
      out.putInt(e.getKey().length).put(e.getKey());
      out.asFloatBuffer().put(e.getValue());
      out.position(out.position() + dimension * Float.BYTES);
    }
    Path absolute = file.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    Path temporary = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".tmp");
    try {
      Files.write(temporary, out.array());
      Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static String text(ByteBuffer in) throws Unusable {
    int length = in.getInt();
    if (length < 0 || length > MAX_TEXT_BYTES) {
      throw new Unusable("a sentence of " + length + " bytes");
    }
    byte[] bytes = new byte[length];
    in.get(bytes);
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new Unusable("a sentence that is not UTF-8");
    }
  }
}
