package app.offramp.bench.jmh;

import app.offramp.adapter.store.CaffeineConversationStore;
import app.offramp.core.conversation.ConversationEngine;
import app.offramp.core.conversation.ConversationKey;
import app.offramp.core.conversation.ConversationState;
import app.offramp.core.conversation.Engines;
import app.offramp.core.conversation.Input;
import app.offramp.core.conversation.Turn;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** One engine turn (a question, and a button press mid-walk-through), and the store's operations. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ConversationBenchmarks {
  private ConversationEngine engine;
  private ConversationState onStep2;
  private CaffeineConversationStore store;
  private long next;

  @Setup
  public void setUp() {
    engine = Engines.real();
    ConversationState s = engine.handle(null, new Input.Text("cancel amazon music on my phone")).state();
    onStep2 = engine.handle(s, new Input.Pick("nav:next")).state();
    store = new CaffeineConversationStore(Duration.ofMinutes(30), 10_000, Ticker.systemTicker());
    for (int i = 0; i < 10_000; i++) {
      store.apply(new ConversationKey("m" + i, "p"), state -> new Turn(onStep2, null));
    }
  }

  @Benchmark
  public Turn engineTurnOnAQuestion() {
    return engine.handle(null, new Input.Text("is there a penalty for cancelling early"));
  }

  @Benchmark
  public Turn engineTurnOnAButton() {
    return engine.handle(onStep2, new Input.Pick("nav:next"));
  }

  @Benchmark
  public Optional<ConversationState> storeGet() {
    return store.get(new ConversationKey("m" + (next++ % 10_000), "p"));
  }

  @Benchmark
  public Turn storeCompute() {
    return store.apply(new ConversationKey("m" + (next++ % 10_000), "p"), state -> new Turn(onStep2, null));
  }

  /** A new conversation into a full store: each one evicts another (size bound 10,000). */
  @Benchmark
  public Turn storeComputeWithEviction() {
    return store.apply(new ConversationKey("new" + next++, "p"), state -> new Turn(onStep2, null));
  }
}
