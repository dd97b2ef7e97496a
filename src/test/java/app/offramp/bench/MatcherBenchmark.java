package app.offramp.bench;

import app.offramp.adapter.embedding.MiniLmSentenceEncoder;
import app.offramp.core.eval.LabelledDataReader;
import app.offramp.core.eval.LabelledQuestion;
import app.offramp.core.intent.IntentCatalog;
import app.offramp.core.intent.IntentLoader;
import app.offramp.core.match.IntentMatcher;
import app.offramp.core.match.MatchThresholds;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the matcher costs: time from JVM start to a ready matcher (model loaded, examples encoded,
 * scoring fitted), the heap it holds, and per-message latency on one thread, cold and warm, over
 * every file of ../shared/eval. A benchmark to run and report, not a test:
 * {@code ./mvnw -q package -DskipTests test-compile && java -cp target/offramp.jar:target/test-classes
 * app.offramp.bench.MatcherBenchmark}.
 */
public final class MatcherBenchmark {
  private MatcherBenchmark() {}

  public static void main(String[] args) throws Exception {
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    long t0 = System.nanoTime();
    MiniLmSentenceEncoder encoder = MiniLmSentenceEncoder.shared();
    encoder.encode("warm the session");
    long modelLoaded = System.nanoTime();
    IntentCatalog catalog = new IntentLoader().load(Path.of("intents"));
    IntentMatcher matcher = new IntentMatcher(catalog, MatchThresholds.DEFAULT, encoder);
    long ready = System.nanoTime();
    System.out.printf(Locale.ROOT, "ready %d ms after JVM start (model %d ms, %d examples encoded and fitted %d ms)%n",
        System.currentTimeMillis() - jvmStart, (modelLoaded - t0) / 1_000_000,
        catalog.exampleCount() + catalog.outOfScopeExamples().size(), (ready - modelLoaded) / 1_000_000);
    System.out.printf(Locale.ROOT, "heap after GC with the matcher ready: %.1f MB%n", heapMb());

    List<String> texts = new ArrayList<>();
    try (var files = Files.list(Path.of("..", "shared", "eval"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        new LabelledDataReader().read(f).stream().map(LabelledQuestion::text).forEach(texts::add);
      }
    }
    report("cold (first pass)", time(matcher, texts));
    for (int pass = 0; pass < 3; pass++) {
      time(matcher, texts);
    }
    report("warm (after 3 more passes)", time(matcher, texts));
    String longText = "how do i cancel amazon music on my phone, it keeps charging me and i tried everything ".repeat(50);
    long[] longs = new long[200];
    for (int i = 0; i < longs.length; i++) {
      long s = System.nanoTime();
      matcher.match(longText.substring(0, 4000));
      longs[i] = System.nanoTime() - s;
    }
    report("4,000-character messages", longs);
    System.out.printf(Locale.ROOT, "heap after GC at the end: %.1f MB; process RSS %s (the model's native memory is outside the heap)%n",
        heapMb(), rss());
  }

  private static long[] time(IntentMatcher matcher, List<String> texts) {
    long[] nanos = new long[texts.size()];
    for (int i = 0; i < texts.size(); i++) {
      long s = System.nanoTime();
      matcher.match(texts.get(i));
      nanos[i] = System.nanoTime() - s;
    }
    return nanos;
  }

  private static void report(String label, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "%-28s n=%d p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", label, sorted.length,
        sorted[sorted.length / 2] / 1e6, sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6,
        sorted[sorted.length - 1] / 1e6);
  }

  private static String rss() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
          .map(l -> l.replaceAll("\\D+", "") + " kB").findFirst().orElse("n/a");
    } catch (java.io.IOException e) {
      return "n/a";
    }
  }

  private static double heapMb() {
    Runtime r = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return (r.totalMemory() - r.freeMemory()) / 1e6;
  }
}
