package app.offramp.cli;

import app.offramp.config.Settings;
import app.offramp.core.service.ConversationService;
import app.offramp.core.intent.IntentLoadException;
import app.offramp.front.console.ConsoleFront;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code offramp chat}: the console front. */
@Command(name = "chat", mixinStandardHelpOptions = true, description = "Chat with the bot in the console.")
final class ChatCommand implements Callable<Integer> {
  @Option(names = "--intents", paramLabel = "DIR", description = "Intent directory (default: intents.dir, else intents).")
  Path intents;

  @Option(names = "--debug", description = "Show the matched intent and confidence after each reply.")
  boolean debug;

  @Option(names = "--lang", paramLabel = "CODE", description = "Answer in this language (en, es, de, fr, pt, it) "
      + "until your messages are clearly in another; default: discord.locale, else en.")
  String lang;

  @ParentCommand
  OfframpCommand parent;

  @Override
  public Integer call() throws IOException {
    Settings settings = parent == null ? Settings.load(Optional.empty(), System.getenv()) : parent.settings();
    return run(settings, intents != null ? intents : settings.intentsDir(), debug, Optional.ofNullable(lang));
  }

  static int run(Settings settings, Path intentsDir, boolean debug) throws IOException {
    return run(settings, intentsDir, debug, Optional.empty());
  }

  static int run(Settings settings, Path intentsDir, boolean debug, Optional<String> lang) throws IOException {
    String language = lang.orElse(ServeCommand.locale(settings)).strip().toLowerCase(java.util.Locale.ROOT);
    ConversationService service;
    try {
      service = Core.service(settings, intentsDir);
    } catch (IntentLoadException e) {
      System.err.println("offramp chat: " + e.problems().size() + " problem(s) in " + intentsDir + ", first: "
          + e.problems().get(0) + " (run offramp validate)");
      return CliExit.BAD_INPUT;
    }
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    java.util.Optional<app.offramp.adapter.insights.InsightsRecorder> insights = Core.insights(settings);
    insights.ifPresent(service::addObserver);
    try (service) {
      String code = language.length() >= 2 ? language.substring(0, 2) : language;
      if (!service.languages().contains(code)) {
        System.err.println("offramp chat: " + (lang.isPresent() ? "--lang" : Settings.LOCALE) + " is '" + language
            + "'; expected one of " + service.languages());
        return CliExit.BAD_INPUT;
      }
      new ConsoleFront(service, in, out, debug, System.console() == null, code).run();
    } finally {
      insights.ifPresent(app.offramp.adapter.insights.InsightsRecorder::close);
    }
    return CliExit.OK;
  }
}
