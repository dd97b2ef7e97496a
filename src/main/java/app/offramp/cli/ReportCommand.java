package app.offramp.cli;

import app.offramp.adapter.embedding.MiniLmSentenceEncoder;
import app.offramp.adapter.insights.InsightsReport;
import app.offramp.adapter.insights.ReportHtml;
import app.offramp.config.Settings;
import app.offramp.core.intent.IntentCatalog;
import app.offramp.core.intent.IntentLoadException;
import app.offramp.core.match.IntentMatcher;
import app.offramp.core.match.MatchExplanation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code offramp report}: what members asked and how it went, from the insights database. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Report on recorded conversations: answered rate, top unanswered questions, walk-through funnels.")
final class ReportCommand implements Callable<Integer> {
  @Option(names = "--since", paramLabel = "DURATION", defaultValue = "7d",
      description = "How far back (7d, 24h, 90m...; default 7d).")
  String since;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Option(names = "--html", paramLabel = "FILE", description = "Also write the report as one self-contained HTML file.")
  Path html;

  @Option(names = "--suggest", description = "Print, per group of unanswered questions, examples: lines to review and paste.")
  boolean suggest;

  @ParentCommand
  OfframpCommand parent;

  @Override
  public Integer call() throws IOException {
    Settings settings = parent.settings();
    Duration window = Settings.parseDuration(since).orElse(null);
    if (window == null || window.isZero() || window.isNegative()) {
      System.err.println("offramp report: --since is '" + since + "'; expected a duration such as 7d, 24h or 90m");
      return CliExit.BAD_INPUT;
    }
    if (html != null && (html.getParent() != null && !Files.isDirectory(html.getParent()) || Files.isDirectory(html))) {
      System.err.println("offramp report: --html " + html + " is not a file in an existing directory");
      return CliExit.BAD_INPUT;
    }
    String url = settings.get(Settings.INSIGHTS_URL);
    if (url.startsWith("jdbc:sqlite:") && !Files.isRegularFile(Path.of(url.substring("jdbc:sqlite:".length())
        .replaceFirst("\\?.*$", "")))) {
      System.err.println("offramp report: no insights database at " + Core.describe(url)
          + "; the bot records one while insights.enabled=true (see insights.jdbc-url)");
      return CliExit.BAD_INPUT;
    }
    IntentCatalog catalog;
    try {
      catalog = Core.loader(settings).load(settings.intentsDir());
    } catch (IntentLoadException e) {
      System.err.println("offramp report: " + e.problems().size() + " problem(s) in " + settings.intentsDir()
          + ", first: " + e.problems().get(0) + " (run offramp validate)");
      return CliExit.BAD_INPUT;
    }
    MiniLmSentenceEncoder encoder = MiniLmSentenceEncoder.shared();
    IntentMatcher matcher = new IntentMatcher(catalog, Core.thresholds(settings), encoder);
    Instant now = Instant.now();
    InsightsReport.Report report;
    try (Connection db = DriverManager.getConnection(url)) {
      report = InsightsReport.build(db, now.minus(window), now, encoder::encode, text -> nearest(matcher, text));
    } catch (SQLException e) {
      System.err.println("offramp report: cannot read " + Core.describe(url) + " (" + Core.firstLine(e.getMessage())
          + "); is it an insights database?");
      return CliExit.BAD_INPUT;
    }
    try {
      report = report.withLearned(Core.loader(settings).learned(settings.intentsDir()).lessons().stream()
          .map(l -> new InsightsReport.Learned(l.id(), l.intent(), l.examples().size(), l.at().toString(), l.by()))
          .toList());
    } catch (IntentLoadException e) {
      // the catalog above loaded, so learned.yaml did too: nothing to add
    }
    if (json) {
      System.out.println(InsightsReport.json(report));
    } else if (!suggest) {
      System.out.print(InsightsReport.text(report));
    }
    if (suggest) {
      System.out.print(InsightsReport.suggestions(report));
    }
    if (html != null) {
      try {
        writePrivately(html, ReportHtml.render(report));
      } catch (IOException e) {
        System.err.println("offramp report: --html " + html + " cannot be written (" + e.getClass().getSimpleName()
            + "); expected a file path in a writable directory");
        return CliExit.BAD_INPUT;
      }
      System.err.println("wrote " + html);
    }
    return CliExit.OK;
  }

  /** The report holds members' questions: readable by its owner only (0600), as the database is. */
  static void writePrivately(java.nio.file.Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system (Windows): its own ACLs apply
    }
  }

  private static Optional<String> nearest(IntentMatcher matcher, String text) {
    return matcher.explain(text).candidates().stream().map(MatchExplanation.Candidate::intentId)
        .filter(id -> !id.equals("none")).findFirst();
  }
}
