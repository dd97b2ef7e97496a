package app.offramp.bench;

import app.offramp.adapter.embedding.MiniLmSentenceEncoder;
import app.offramp.adapter.store.CaffeineConversationStore;
import app.offramp.core.conversation.ConversationEngine;
import app.offramp.core.conversation.ConversationKey;
import app.offramp.core.service.ConversationService;
import app.offramp.core.conversation.Input;
import app.offramp.core.intent.IntentCatalog;
import app.offramp.core.intent.IntentLoader;
import app.offramp.core.match.IntentMatcher;
import app.offramp.core.match.MatchThresholds;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * How much heap a full conversation store takes and how many turns a second one thread runs, with
 * the real intents, matcher and Caffeine store. A benchmark to run and report, not a test:
 * {@code ./mvnw -q package -DskipTests test-compile && java -cp target/offramp.jar:target/test-classes
 * app.offramp.bench.ConversationBenchmark [conversations]}.
 */
public final class ConversationBenchmark {
  private static final String[] QUESTIONS = {"how do I cancel amazon music on my phone",
      "is there a penalty for cancelling", "cancel amazon music", "what are some alternatives to amazon music"};

  private ConversationBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    IntentCatalog catalog = new IntentLoader().load(Path.of("intents"));
    ConversationService service = new ConversationService(
        new ConversationEngine(catalog, new IntentMatcher(catalog, MatchThresholds.DEFAULT, MiniLmSentenceEncoder.shared())),
        new CaffeineConversationStore(Duration.ofMinutes(30), n, Ticker.systemTicker()));
    for (int i = 0; i < 20_000; i++) {
      service.handle(new ConversationKey("warm" + i % 100, "dm"), new Input.Text(QUESTIONS[i % QUESTIONS.length]));
    }
    for (int i = 0; i < 100; i++) {
      service.reset(new ConversationKey("warm" + i, "dm"));
    }
    long before = usedHeap();
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      // Keys shaped like Discord's: 18-digit member and channel ids.
      ConversationKey key = new ConversationKey(Long.toString(800000000000000000L + i), Long.toString(900000000000000000L + i));
      service.handle(key, new Input.Text(QUESTIONS[i % QUESTIONS.length]));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long after = usedHeap();
    System.out.printf(Locale.ROOT, "conversations: %d, heap: %.1f MB (%.0f bytes each), first turns: %.0f/s on one thread%n",
        service.activeConversations(), (after - before) / 1e6, (after - before) / (double) n, n / seconds);
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 5; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
