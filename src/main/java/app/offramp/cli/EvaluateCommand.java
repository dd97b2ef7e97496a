package app.offramp.cli;

import app.offramp.adapter.embedding.MiniLmSentenceEncoder;
import app.offramp.core.eval.Evaluation;
import app.offramp.core.eval.Evaluator;
import app.offramp.core.eval.LabelledDataReader;
import app.offramp.core.eval.LabelledQuestion;
import app.offramp.core.eval.ReportWriter;
import app.offramp.core.intent.IntentCatalog;
import app.offramp.core.intent.IntentLoadException;
import app.offramp.core.intent.IntentLoader;
import app.offramp.core.match.IntentMatcher;
import app.offramp.core.match.MatchThresholds;
import app.offramp.core.match.MatcherMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code offramp evaluate}: measures the matcher on labelled JSON Lines. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Measure matching on labelled questions (JSON Lines of {\"text\", \"intent\"}; intent none = out of scope).")
final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--data", paramLabel = "FILE.jsonl", required = true, description = "Labelled questions.")
  Path data;

  @Option(names = "--intents", paramLabel = "DIR", description = "Intent directory (default: intents.dir, else intents).")
  Path intents;

  @Option(names = "--out", paramLabel = "DIR", description = "Write intent_report.json and intent_errors.json here.")
  Path out;

  @Option(names = "--json", description = "Print one JSON summary on stdout instead of the table.")
  boolean json;

  @Option(names = "--min-accuracy", paramLabel = "X", description = "Exit 1 when accuracy is below X (0 to 1).")
  Double minAccuracy;

  @Option(names = "--accept-threshold", paramLabel = "X", description = "Override match.accept-threshold for this run.")
  Double accept;

  @Option(names = "--ambiguity-margin", paramLabel = "X", description = "Override match.ambiguity-margin for this run.")
  Double margin;

  @Option(names = "--matcher", paramLabel = "MODE", defaultValue = "combined",
      description = "Evidence to weigh: lexical, embedding or combined (the bot's; default). For ablation.")
  String matcherMode;

  @Option(names = "--debug", description = "Add to each error in intent_errors.json why it scored as it did.")
  boolean debug;

  @Spec
  CommandSpec spec;

  @picocli.CommandLine.ParentCommand
  OfframpCommand parent;

  @Override
  public Integer call() throws IOException {
    var err = spec.commandLine().getErr();
    var stdout = spec.commandLine().getOut();
    if (minAccuracy != null && !(minAccuracy >= 0 && minAccuracy <= 1)) {
      err.println("offramp evaluate: --min-accuracy is " + minAccuracy + "; expected a number from 0 to 1");
      return CliExit.BAD_INPUT;
    }
    MatcherMode mode;
    try {
      mode = MatcherMode.valueOf(matcherMode.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      err.println("offramp evaluate: --matcher is '" + matcherMode + "'; expected lexical, embedding or combined");
      return CliExit.BAD_INPUT;
    }
    if (!Files.isRegularFile(data) || !Files.isReadable(data)) {
      err.println("offramp evaluate: " + data + " is not a readable file; expected JSON Lines of {\"text\", \"intent\"}");
      return CliExit.BAD_INPUT;
    }
    intents = OfframpCommand.intentsDir(parent, intents);
    IntentCatalog catalog;
    try {
      catalog = (parent == null ? new IntentLoader() : Core.loader(parent.settings())).load(intents);
    } catch (IntentLoadException e) {
      err.println("offramp evaluate: " + e.problems().size() + " problem(s) in " + intents
          + ", first: " + e.problems().get(0) + " (run offramp validate)");
      return CliExit.BAD_INPUT;
    } catch (IOException e) {
      err.println("offramp evaluate: " + UserErrors.describe(e));
      return CliExit.BAD_INPUT;
    }
    List<LabelledQuestion> questions;
    try {
      questions = new LabelledDataReader().read(data, catalog.intents().stream().map(i -> i.id())
          .collect(java.util.stream.Collectors.toSet()));
    } catch (LabelledDataReader.BadLineException e) {
      err.println("offramp evaluate: " + e.getMessage());
      return CliExit.BAD_INPUT;
    } catch (java.nio.charset.MalformedInputException e) {
      err.println("offramp evaluate: " + data + " is not valid UTF-8");
      return CliExit.BAD_INPUT;
    }
    if (questions.isEmpty()) {
      err.println("offramp evaluate: " + data + " has no questions; expected at least one JSON line");
      return CliExit.BAD_INPUT;
    }
    if (out != null) {
      // Found out now, not after a long run: the place for the reports must be a writable directory.
      try {
        Files.createDirectories(out);
      } catch (IOException e) {
        err.println("offramp evaluate: --out " + out + " is not a directory that can be created ("
            + e.getClass().getSimpleName() + "); expected a directory for the reports");
        return CliExit.BAD_INPUT;
      }
      if (!Files.isWritable(out)) {
        err.println("offramp evaluate: --out " + out + " is not writable; expected a directory for the reports");
        return CliExit.BAD_INPUT;
      }
    }
    Evaluation evaluation;
    MatchThresholds configured = parent == null ? MatchThresholds.DEFAULT : Core.thresholds(parent.settings());
    MatchThresholds thresholds = new MatchThresholds(accept != null ? accept : configured.accept(),
        margin != null ? margin : configured.ambiguityMargin());
    ReportWriter writer = new ReportWriter();
    try (IntentMatcher matcher = new IntentMatcher(catalog, thresholds,
        mode == MatcherMode.LEXICAL ? null : MiniLmSentenceEncoder.shared(), mode)) {
      evaluation = new Evaluator(matcher).evaluate(questions, true);
      if (out != null) {
        writer.write(evaluation, out, debug ? matcher::explain : null);
      }
    }
    stdout.print(json ? writer.summaryJson(evaluation) + System.lineSeparator() : writer.text(evaluation));
    stdout.flush();
    if (minAccuracy != null && evaluation.accuracy() < minAccuracy) {
      err.println(String.format(Locale.ROOT, "offramp evaluate: accuracy %.4f is below --min-accuracy %.4f",
          evaluation.accuracy(), minAccuracy));
      return CliExit.FAILED;
    }
    return CliExit.OK;
  }
}
