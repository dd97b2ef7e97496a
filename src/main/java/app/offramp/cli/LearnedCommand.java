package app.offramp.cli;

import app.offramp.core.intent.IntentLoadException;
import app.offramp.core.intent.IntentLoader;
import app.offramp.core.intent.LearnedExamples;
import app.offramp.core.intent.Problem;
import app.offramp.core.learn.LearnedFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code offramp learned}: the lessons staff taught with {@code /offramp review} ({@code learned.yaml}),
 * and {@code --undo <id|intent|all>} to remove them. A running bot notices the file change and
 * reloads; the files are checked with the change before it is written.
 */
@Command(name = "learned", mixinStandardHelpOptions = true,
    description = "List the lessons taught with /offramp review (learned.yaml), or remove them with --undo.")
final class LearnedCommand implements Callable<Integer> {
  @Option(names = "--intents", paramLabel = "DIR", description = "Intent directory (default: intents.dir, else intents).")
  Path intents;

  @Option(names = "--undo", paramLabel = "ID|INTENT|all",
      description = "Remove a lesson by its number, every lesson of an intent, or all of them.")
  String undo;

  @Spec
  CommandSpec spec;

  @picocli.CommandLine.ParentCommand
  OfframpCommand parent;

  @Override
  public Integer call() {
    intents = OfframpCommand.intentsDir(parent, intents);
    // Lessons are checked with the intents they name; the source document is validate's to check
    // (its path is relative to where the bot runs, not to the intents).
    IntentLoader loader = new IntentLoader();
    LearnedFile file = new LearnedFile(intents, loader);
    try {
      if (undo == null) {
        loader.load(intents); // the lessons checked with the intents they name, as the bot loads them
        LearnedExamples learned = file.read();
        if (learned.lessons().isEmpty()) {
          out().println("No lessons in " + file.path() + ".");
        }
        for (LearnedExamples.Lesson l : learned.lessons()) {
          out().println(line(l));
          l.examples().forEach(e -> out().println("  - " + LearnedExamples.quoted(e)));
        }
        return CliExit.OK;
      }
      if (undo.isBlank()) {
        err().println("offramp learned: --undo is empty; expected a lesson's number, an intent id, or all");
        return CliExit.BAD_INPUT;
      }
      if (!java.nio.file.Files.isDirectory(intents)) {
        throw new java.nio.file.NoSuchFileException(intents.toString(), null, "intents directory does not exist");
      }
      return file.locked(() -> {
        LearnedExamples learned = file.read();
        List<LearnedExamples.Lesson> removed = learned.matching(undo);
        if (removed.isEmpty() && learned.lessons().isEmpty()) {
          out().println("No lessons in " + file.path() + "; nothing to undo.");
          return undo.strip().equals("all") ? CliExit.OK : CliExit.BAD_INPUT;
        }
        if (removed.isEmpty()) {
          err().println("offramp learned: no lesson matches '" + undo + "'; expected one of "
              + learned.lessons().stream().map(l -> Integer.toString(l.id())).toList() + ", an intent id with lessons, "
              + "or all");
          return CliExit.BAD_INPUT;
        }
        LearnedExamples rest = learned.without(removed);
        try {
          loader.load(intents, Optional.of(rest)); // fewer examples still load: checked all the same
        } catch (IntentLoadException e) {
          for (Problem p : e.problems()) {
            out().println(p);
          }
          err().println(e.problems().size() + " problem(s) would remain (positions as the file would be written); "
              + "undo or fix the lessons they name first; nothing changed");
          return CliExit.FAILED;
        }
        file.write(rest);
        for (LearnedExamples.Lesson l : removed) {
          out().println("removed " + line(l));
        }
        out().println(rest.lessons().size() + " lesson(s) left in " + file.path()
            + "; a running bot reloads it by itself.");
        return CliExit.OK;
      });
    } catch (IntentLoadException e) {
      for (Problem p : e.problems()) {
        out().println(p);
      }
      err().println(e.problems().size() + " problem(s) found in " + intents + (undo == null ? "" : "; nothing changed"));
      return CliExit.FAILED;
    } catch (IOException e) {
      err().println("offramp learned: " + UserErrors.describe(e));
      return CliExit.BAD_INPUT;
    } catch (Exception e) {
      err().println("offramp learned: " + e.getClass().getSimpleName() + ": " + Core.firstLine(e.getMessage()));
      return CliExit.BAD_INPUT;
    }
  }

  private static String line(LearnedExamples.Lesson l) {
    return "lesson " + l.id() + ": " + l.examples().size() + " example(s) of " + l.intent() + ", " + l.at() + " by "
        + l.by();
  }

  private java.io.PrintWriter out() {
    return spec == null ? new java.io.PrintWriter(System.out, true) : spec.commandLine().getOut();
  }

  private java.io.PrintWriter err() {
    return spec == null ? new java.io.PrintWriter(System.err, true) : spec.commandLine().getErr();
  }
}
