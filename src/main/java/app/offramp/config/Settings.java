package app.offramp.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every key Offramp reads, with its default. Lookup order: environment variable
 * ({@code OFFRAMP_DISCORD_GUILD_ID} for {@code discord.guild-id}; {@code DISCORD_TOKEN} also
 * works for the token), then the properties file, then the default.
 */
public final class Settings {
  public static final String TOKEN = "discord.token";
  public static final String GUILD_ID = "discord.guild-id";
  public static final String SUPPORT_CHANNEL_IDS = "discord.support-channel-ids";
  public static final String STAFF_ROLE_ID = "discord.staff-role-id";
  public static final String REST_URL = "discord.rest-url";
  public static final String GATEWAY_URL = "discord.gateway-url";
  public static final String EPHEMERAL = "discord.ephemeral-replies";
  public static final String FLOOD_MAX = "discord.flood.max-events";
  public static final String FLOOD_WINDOW = "discord.flood.window";
  public static final String STAFF_COOLDOWN = "discord.staff.cooldown";
  public static final String MAX_PENDING = "discord.channel.max-pending";
  public static final String SHUTDOWN_GRACE = "shutdown.grace";
  public static final String INTENTS_DIR = "intents.dir";
  public static final String IDLE_TIMEOUT = "conversation.idle-timeout";
  public static final String MAX_ACTIVE = "conversation.max-active";
  public static final String ACCEPT = "match.accept-threshold";
  public static final String MARGIN = "match.ambiguity-margin";
  public static final String VECTORS_CACHE = "match.vectors-cache";
  public static final String SOURCE_DOCUMENT = "content.source-document";
  public static final String SHOW_SOURCE = "content.show-source";
  public static final String STORE = "conversation.store";
  public static final String REDIS_URL = "conversation.redis-url";
  public static final String SHARDS = "discord.shards";
  public static final String LOCALE = "discord.locale";
  public static final String TICKETS_CHANNEL = "discord.tickets.channel-id";
  public static final String TICKETS_LOG_CHANNEL = "discord.tickets.log-channel-id";
  public static final String TICKETS_FIRST_RESPONSE = "discord.tickets.first-response";
  public static final String TICKETS_IDLE_CLOSE = "discord.tickets.idle-close";
  public static final String SHARD_IDS = "discord.shard-ids";
  public static final String HTTP_PORT = "ops.http-port";
  public static final String HTTP_BIND = "ops.bind-address";
  public static final String LOG_FORMAT = "logging.format";
  public static final String INSIGHTS_ENABLED = "insights.enabled";
  public static final String INSIGHTS_URL = "insights.jdbc-url";
  public static final String INSIGHTS_TEXT = "insights.store-text";
  public static final String INSIGHTS_RETENTION = "insights.retention";
  /** How far a lesson may lower the labelled questions answered right, or the out-of-scope examples refused. */
  public static final String REVIEW_MAX_DROP = "review.max-drop";
  /** How far a lesson may lower the same figures over the questions nearest its own. */
  public static final String REVIEW_MAX_NEAR_DROP = "review.max-near-drop";
  /** The labelled questions the guard measures lessons on; relative to the intents directory. */
  public static final String REVIEW_LABELLED = "review.labelled-set";

  public static final Map<String, String> DEFAULTS = Map.ofEntries(
      Map.entry(TOKEN, ""),
      Map.entry(GUILD_ID, ""),
      Map.entry(SUPPORT_CHANNEL_IDS, ""),
      Map.entry(STAFF_ROLE_ID, ""),
      Map.entry(REST_URL, "https://discord.com/api/v10/"),
      Map.entry(GATEWAY_URL, "wss://gateway.discord.gg/"),
      Map.entry(EPHEMERAL, "true"),
      Map.entry(FLOOD_MAX, "8"),
      Map.entry(FLOOD_WINDOW, "10s"),
      Map.entry(STAFF_COOLDOWN, "10m"),
      Map.entry(LOCALE, "en"),
      Map.entry(TICKETS_CHANNEL, ""),
      Map.entry(TICKETS_LOG_CHANNEL, ""),
      Map.entry(TICKETS_FIRST_RESPONSE, "15m"),
      Map.entry(TICKETS_IDLE_CLOSE, "48h"),
      Map.entry(MAX_PENDING, "50"),
      Map.entry(SHUTDOWN_GRACE, "10s"),
      Map.entry(INTENTS_DIR, "intents"),
      Map.entry(IDLE_TIMEOUT, "30m"),
      Map.entry(MAX_ACTIVE, "100000"),
      Map.entry(ACCEPT, "0.5"),
      Map.entry(MARGIN, "0.04"),
      Map.entry(VECTORS_CACHE, "example-vectors.bin"),
      Map.entry(SOURCE_DOCUMENT, "sources/amazon-music-cancellation.txt"),
      Map.entry(SHOW_SOURCE, "true"),
      Map.entry(STORE, "memory"),
      Map.entry(REDIS_URL, "redis://localhost:6379/0"),
      Map.entry(SHARDS, "1"),
      Map.entry(SHARD_IDS, ""),
      Map.entry(HTTP_PORT, ""),
      Map.entry(HTTP_BIND, "127.0.0.1"),
      Map.entry(LOG_FORMAT, "plain"),
      Map.entry(INSIGHTS_ENABLED, "true"),
      Map.entry(INSIGHTS_URL, "jdbc:sqlite:insights.db"),
      Map.entry(INSIGHTS_TEXT, "true"),
      Map.entry(INSIGHTS_RETENTION, "30d"),
      Map.entry(REVIEW_MAX_DROP, "0.02"),
      Map.entry(REVIEW_MAX_NEAR_DROP, "0.05"),
      Map.entry(REVIEW_LABELLED, "labelled.jsonl"));

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private final Properties file;
  private final Map<String, String> env;

  private Settings(Properties file, Map<String, String> env) {
    this.file = file;
    this.env = Map.copyOf(env);
  }

  /** Settings from a properties file (absent is fine when {@code required} is false) and env. */
  public static Settings load(Optional<Path> configFile, Map<String, String> env) {
    Properties props = new Properties();
    if (configFile.isPresent()) {
      Path path = configFile.get();
      if (Files.isDirectory(path)) {
        throw new ConfigException("config file " + path + " is a directory; expected a properties file like "
            + "config.example.properties");
      }
      if (!Files.isRegularFile(path)) {
        throw new ConfigException("config file " + path + " does not exist; expected a properties file "
            + "like config.example.properties");
      }
      try {
        checkLines(path, Files.readAllLines(path, StandardCharsets.UTF_8));
      } catch (IOException | java.io.UncheckedIOException e) {
        throw new ConfigException("config file " + path + " could not be read as UTF-8 text");
      }
      try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
        props.load(reader);
      } catch (IOException | IllegalArgumentException e) {
        throw new ConfigException("config file " + path + " could not be read as properties: "
            + e.getClass().getSimpleName());
      }
      for (String key : props.stringPropertyNames()) {
        if (!DEFAULTS.containsKey(key)) {
          throw new ConfigException("config file " + path + ": unknown key '" + key + "'; expected one of "
              + DEFAULTS.keySet().stream().sorted().toList());
        }
      }
    }
    for (String name : env.keySet()) {
      if (name.startsWith("OFFRAMP_") && DEFAULTS.keySet().stream().noneMatch(k -> envName(k).equals(name))) {
        throw new ConfigException("environment variable " + name + " is not a setting; expected one of "
            + DEFAULTS.keySet().stream().map(Settings::envName).sorted().toList());
      }
    }
    return new Settings(props, env);
  }

  /**
   * Every line is blank, a comment, or key=value. A bad line is reported by its number only: it may
   * be a token pasted on a line of its own, and an error message must never print a secret.
   */
  private static void checkLines(Path path, List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0 || line.substring(0, eq).strip().chars().anyMatch(Character::isWhitespace)) {
        throw new ConfigException("config file " + path + " line " + (i + 1) + " is not key=value; expected lines "
            + "like discord.guild-id=123456789012345678 (its text is not shown: it may be a secret)");
      }
    }
  }

  public static String envName(String key) {
    return "OFFRAMP_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  public String get(String key) {
    if (!DEFAULTS.containsKey(key)) {
      throw new IllegalArgumentException("unknown setting '" + key + "'");
    }
    String fromEnv = env.get(envName(key));
    if (fromEnv == null && key.equals(TOKEN)) {
      fromEnv = env.get("DISCORD_TOKEN");
    }
    if (fromEnv != null && !fromEnv.isBlank()) { // an empty variable does not override the file
      return fromEnv.strip();
    }
    return file.getProperty(key, DEFAULTS.get(key)).strip();
  }

  public Optional<String> token() {
    String token = get(TOKEN);
    if (token.chars().anyMatch(Character::isWhitespace)) {
      // Never quote the token: say what is wrong with it, not what it is.
      throw new ConfigException("discord.token contains whitespace; expected the bot token as one word");
    }
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }

  public double decimal(String key, double min, double max) {
    String value = get(key);
    try {
      double d = Double.parseDouble(value);
      if (d >= min && d <= max) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below with the expected range
    }
    throw new ConfigException(key + " is '" + value + "'; expected a number from " + min + " to " + max);
  }

  public long integer(String key, long min, long max) {
    String value = get(key);
    try {
      long n = Long.parseLong(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below with the expected range
    }
    throw new ConfigException(key + " is '" + value + "'; expected a whole number from " + min + " to " + max);
  }

  /** One of {@code allowed} (lower case), or a ConfigException naming them. */
  public String oneOf(String key, String... allowed) {
    String value = get(key).toLowerCase(Locale.ROOT);
    for (String a : allowed) {
      if (a.equals(value)) {
        return a;
      }
    }
    throw new ConfigException(key + " is '" + get(key) + "'; expected one of " + String.join(", ", allowed));
  }

  public boolean bool(String key) {
    String value = get(key).toLowerCase(Locale.ROOT);
    if (value.equals("true") || value.equals("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new ConfigException(key + " is '" + value + "'; expected true or false");
  }

  /**
   * The longest duration any setting takes: past it, arithmetic on instants overflows at use
   * (regression, issue 23: {@code shutdown.grace=999999d} skipped the graceful stop).
   */
  public static final Duration MAX_DURATION = Duration.ofDays(3650);

  /** A duration such as {@code 30m}, {@code 90s}, {@code 2h} or ISO-8601 {@code PT30M}, at most 3650 days. */
  public Duration duration(String key) {
    String value = get(key);
    return parseDuration(value).orElseThrow(() -> new ConfigException(key + " is '" + value
        + "'; expected a positive duration of at most 3650d, such as 30m, 90s or PT30M"));
  }

  /**
   * {@code 7d}, {@code 24h}, {@code 90m}, {@code 30s}, {@code 500ms} or ISO-8601; empty when not one, not
   * positive, or longer than {@link #MAX_DURATION}.
   */
  public static Optional<Duration> parseDuration(String value) {
    Matcher m = DURATION.matcher(value.strip().toLowerCase(Locale.ROOT));
    try {
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
        return d.isZero() || d.compareTo(MAX_DURATION) > 0 ? Optional.empty() : Optional.of(d);
      }
      if (value.strip().toUpperCase(Locale.ROOT).startsWith("P")) {
        Duration d = Duration.parse(value.strip().toUpperCase(Locale.ROOT));
        return d.isNegative() || d.isZero() || d.compareTo(MAX_DURATION) > 0 ? Optional.empty() : Optional.of(d);
      }
    } catch (RuntimeException e) {
      // not a duration
    }
    return Optional.empty();
  }

  /** A Discord snowflake id, or empty. */
  public Optional<Long> snowflake(String key) {
    String value = get(key);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(parseSnowflake(key, value));
  }

  public List<Long> snowflakes(String key) {
    String value = get(key);
    if (value.isEmpty()) {
      return List.of();
    }
    return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
        .map(s -> parseSnowflake(key, s)).toList();
  }

  private static long parseSnowflake(String key, String value) {
    try {
      long id = Long.parseUnsignedLong(value);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(key + " has '" + value + "'; expected a Discord id (a number, e.g. 123456789012345678)");
  }

  public Path intentsDir() {
    return Path.of(get(INTENTS_DIR));
  }

  /** {@code review.labelled-set}: a relative path is inside the intents directory. */
  public Path labelledSet() {
    return intentsDir().resolve(get(REVIEW_LABELLED));
  }

  /** The document intents cite, or empty when the setting is blank (sections then go unchecked). */
  public Optional<Path> sourceDocument() {
    String value = get(SOURCE_DOCUMENT);
    return value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
  }
}
