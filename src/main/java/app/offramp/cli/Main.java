package app.offramp.cli;

import picocli.CommandLine;

/** Entry point of {@code java -jar offramp.jar}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code; tests call this instead of main. */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new OfframpCommand());
    cli.setParameterExceptionHandler((e, args2) -> {
      CommandLine command = e.getCommandLine();
      command.getErr().println("offramp: " + e.getMessage().lines().findFirst().orElse("bad arguments")
          + " (see '" + command.getCommandSpec().qualifiedName() + " --help')");
      return CliExit.BAD_INPUT;
    });
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("offramp: " + UserErrors.describe(e));
      return CliExit.BAD_INPUT;
    });
    return cli.execute(args);
  }
}
