package app.offramp.bench.jmh;

import app.offramp.adapter.embedding.MiniLmSentenceEncoder;
import app.offramp.core.intent.Intent;
import app.offramp.core.intent.IntentCatalog;
import app.offramp.core.intent.IntentLoader;
import app.offramp.core.match.IntentMatcher;
import app.offramp.core.match.MatchResult;
import app.offramp.core.match.MatchThresholds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One message matched, by message length and by catalog size: the project's intents as they are,
 * five times the intents (copies under other ids), or ten times the examples (each with a variant).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MatchingBenchmark {
  private static final String QUESTION = "hey so how do i cancel my amazon music unlimited sub on my phone, it keeps charging me ";

  @Param({"10", "100", "1000", "4000"})
  public int length;

  @Param({"base", "intents-x5", "examples-x10"})
  public String catalog;

  private IntentMatcher matcher;
  private String message;

  @Setup
  public void setUp() throws Exception {
    IntentCatalog base = new IntentLoader().load(Path.of("intents"));
    IntentCatalog sized = switch (catalog) {
      case "intents-x5" -> timesIntents(base, 5);
      case "examples-x10" -> timesExamples(base, 10);
      default -> base;
    };
    matcher = new IntentMatcher(sized, MatchThresholds.DEFAULT, MiniLmSentenceEncoder.shared());
    message = QUESTION.repeat(length / QUESTION.length() + 1).substring(0, length);
  }

  @Benchmark
  public MatchResult match() {
    return matcher.match(message);
  }

  static IntentCatalog timesIntents(IntentCatalog base, int times) {
    List<Intent> intents = new ArrayList<>(base.intents());
    for (int copy = 1; copy < times; copy++) {
      for (Intent i : base.intents()) {
        int n = copy;
        intents.add(new Intent(i.id() + "_" + n, i.title(), i.summary(), Optional.empty(),
            i.examples().stream().map(e -> e + " v" + n).toList(), i.intro(), i.answer(), i.steps(), i.slot(),
            i.outro(), List.of(), i.callsStaff()));
      }
    }
    return base.with(intents, base.outOfScopeExamples());
  }

  static IntentCatalog timesExamples(IntentCatalog base, int times) {
    List<Intent> intents = new ArrayList<>();
    for (Intent i : base.intents()) {
      List<String> examples = new ArrayList<>(i.examples());
      for (int copy = 1; copy < times; copy++) {
        int n = copy;
        i.examples().forEach(e -> examples.add(e + " variant " + n));
      }
      intents.add(new Intent(i.id(), i.title(), i.summary(), i.command(), examples, i.intro(), i.answer(), i.steps(),
          i.slot(), i.outro(), i.followUps(), i.callsStaff(), i.source(), i.before(), i.variants(), i.requiresWords()));
    }
    return base.with(intents, base.outOfScopeExamples());
  }
}
