package app.offramp.cli;

import app.offramp.core.intent.IntentCatalog;
import app.offramp.core.intent.IntentLoadException;
import app.offramp.core.intent.IntentLoader;
import app.offramp.core.intent.Problem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code offramp validate}: checks the intent files, one {@code file:line:col: message} a problem. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check the intent files; prints file:line:col: message for each problem.")
final class ValidateCommand implements Callable<Integer> {
  @Option(names = "--intents", paramLabel = "DIR", description = "Intent directory (default: intents.dir, else intents).")
  Path intents;

  @Spec
  CommandSpec spec;

  @picocli.CommandLine.ParentCommand
  OfframpCommand parent;

  @Override
  public Integer call() {
    intents = OfframpCommand.intentsDir(parent, intents);
    try {
      IntentCatalog catalog = (parent == null ? new IntentLoader() : Core.loader(parent.settings())).load(intents);
      int lessons = (parent == null ? new IntentLoader() : Core.loader(parent.settings())).learned(intents).lessons().size();
      out().println("OK: " + catalog.intents().size() + " intents, " + catalog.exampleCount()
          + " examples in " + intents + (lessons == 0 ? "" : " (with " + lessons + " lesson(s) of learned.yaml)")
          + "; languages " + String.join(", ", catalog.languages()));
      for (Problem w : catalog.warnings()) {
        out().println("warning: " + w);
      }
      return CliExit.OK;
    } catch (IntentLoadException e) {
      for (Problem p : e.problems()) {
        out().println(p);
      }
      err().println(e.problems().size() + " problem(s) found in " + intents);
      return CliExit.FAILED;
    } catch (IOException e) {
      err().println("offramp validate: " + UserErrors.describe(e));
      return CliExit.BAD_INPUT;
    }
  }

  private java.io.PrintWriter out() {
    return spec == null ? new java.io.PrintWriter(System.out, true) : spec.commandLine().getOut();
  }

  private java.io.PrintWriter err() {
    return spec == null ? new java.io.PrintWriter(System.err, true) : spec.commandLine().getErr();
  }
}
