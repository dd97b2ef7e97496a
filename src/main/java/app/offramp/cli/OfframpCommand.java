package app.offramp.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code offramp} with no command: chat in the console while no Discord token is configured,
 * serve Discord once one is.
 */
@Command(name = "offramp", mixinStandardHelpOptions = true, version = "offramp 0.1.0",
    description = "A Discord bot that walks members through cancelling a subscription.",
    subcommands = {ValidateCommand.class, EvaluateCommand.class})
final class OfframpCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return new ValidateCommand().call();
  }
}
