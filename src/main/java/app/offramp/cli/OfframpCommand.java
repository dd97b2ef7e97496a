package app.offramp.cli;

import app.offramp.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code offramp} with no command: chat in the console while no Discord token is configured,
 * serve Discord once one is.
 */
@Command(name = "offramp", mixinStandardHelpOptions = true, version = "offramp 0.1.0",
    description = "A Discord bot that walks members through cancelling a subscription.",
    subcommands = {ServeCommand.class, ChatCommand.class, ValidateCommand.class, EvaluateCommand.class,
        ReportCommand.class, LearnedCommand.class})
final class OfframpCommand implements Callable<Integer> {
  static final Path DEFAULT_CONFIG = Path.of("config.properties");

  @Option(names = "--config", paramLabel = "FILE", scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "Properties file with the settings (default: config.properties when it exists).")
  Path config;

  private Settings loaded;

  /**
   * Settings from --config, else ./config.properties when present, overridden by the environment.
   * Read once a run (a command asks for them several times), and the log format applied then.
   */
  Settings settings() {
    if (loaded == null) {
      Optional<Path> file = config != null ? Optional.of(config)
          : Files.isRegularFile(DEFAULT_CONFIG) ? Optional.of(DEFAULT_CONFIG) : Optional.empty();
      Settings settings = Settings.load(file, System.getenv());
      LogFormat.apply(settings);
      loaded = settings;
    }
    return loaded;
  }

  /** --intents when given, else the intents.dir setting (--config, config.properties, environment). */
  static Path intentsDir(OfframpCommand parent, Path option) {
    if (option != null) {
      return option;
    }
    return parent == null ? Path.of(Settings.DEFAULTS.get(Settings.INTENTS_DIR)) : parent.settings().intentsDir();
  }

  @Override
  public Integer call() throws IOException {
    Settings settings = settings();
    if (settings.token().isEmpty()) {
      System.err.println("No Discord token configured (set DISCORD_TOKEN, or discord.token in config.properties): "
          + "starting the console chat.");
      return ChatCommand.run(settings, settings.intentsDir(), false);
    }
    try {
      return ServeCommand.run(settings);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CliExit.OK;
    }
  }
}
