package app.offramp.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** {@code java -jar target/offramp.jar} as an admin starts it, pointed at an emulator. */
final class BotProcess {
  private BotProcess() {}

  /**
   * Starts the packaged bot with the token and the emulator's URLs in its environment (guild and
   * support channel set), plus {@code extraEnv}; stdout and stderr go to {@code log}.
   */
  static Process start(DiscordEmulator discord, Map<String, String> extraEnv, Path log) throws IOException {
    return launch(discord, extraEnv, log, "-jar", Path.of("target", "offramp.jar").toString());
  }

  /** After a class's scenarios: the bot killed, then the emulator closed; either may not have started. */
  static void stop(Process bot, DiscordEmulator discord) throws IOException {
    if (bot != null) {
      bot.destroyForcibly();
    }
    if (discord != null) {
      discord.close();
    }
  }

  /**
   * Starts {@link EchoBot} (the load benchmark's floor: JDA answering "ok") the same way, on this
   * JVM's class path.
   */
  static Process startEcho(DiscordEmulator discord, Map<String, String> extraEnv, Path log) throws IOException {
    return launch(discord, extraEnv, log, "-cp", System.getProperty("java.class.path"), EchoBot.class.getName());
  }

  /**
   * Points a bot's files at a temp directory of their own, not insights.db and example-vectors.bin
   * in the project's directory (a caller may then name others).
   */
  static void ownFiles(Map<String, String> env) throws IOException {
    env.putAll(app.offramp.TestPaths.ownFiles(java.nio.file.Files.createTempDirectory("offramp-bot")));
  }

  private static Process launch(DiscordEmulator discord, Map<String, String> extraEnv, Path log, String... command)
      throws IOException {
    java.util.List<String> line = new java.util.ArrayList<>();
    line.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    line.addAll(java.util.List.of(command));
    ProcessBuilder pb = new ProcessBuilder(line);
    pb.environment().put("DISCORD_TOKEN", DiscordEmulator.TOKEN);
    pb.environment().put("OFFRAMP_DISCORD_GUILD_ID", Long.toString(DiscordEmulator.GUILD_ID));
    pb.environment().put("OFFRAMP_DISCORD_SUPPORT_CHANNEL_IDS", Long.toString(DiscordEmulator.SUPPORT_CHANNEL_ID));
    pb.environment().put("OFFRAMP_DISCORD_REST_URL", discord.restUrl());
    pb.environment().put("OFFRAMP_DISCORD_GATEWAY_URL", discord.gatewayUrl());
    ownFiles(pb.environment());
    pb.environment().putAll(extraEnv);
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    return pb.start();
  }
}
