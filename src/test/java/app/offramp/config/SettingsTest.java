package app.offramp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
  @TempDir Path dir;

  @Test
  void theExampleConfigDocumentsEveryKeyWithItsDefault() throws IOException {
    Properties example = new Properties();
    try (Reader reader = Files.newBufferedReader(Path.of("config.example.properties"))) {
      example.load(reader);
    }
    assertThat(example.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(Settings.DEFAULTS.keySet());
    Settings.DEFAULTS.forEach((key, value) -> assertThat(example.getProperty(key)).as(key).isEqualTo(value));
  }

  @Test
  void theEnvironmentWinsOverTheFileWhichWinsOverTheDefault() throws IOException {
    Path file = dir.resolve("c.properties");
    Files.writeString(file, "conversation.idle-timeout=5m\nconversation.max-active=10\n");
    Settings settings = Settings.load(Optional.of(file), Map.of("OFFRAMP_CONVERSATION_MAX_ACTIVE", "20"));
    assertThat(settings.duration(Settings.IDLE_TIMEOUT)).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.integer(Settings.MAX_ACTIVE, 1, 100)).isEqualTo(20);
    assertThat(settings.decimal(Settings.ACCEPT, 0, 1)).isEqualTo(0.5);
  }

  @Test
  void anUnknownKeyInTheFileIsRejectedWithTheKnownOnes() throws IOException {
    Path file = dir.resolve("c.properties");
    Files.writeString(file, "discord.tokn=oops\n");
    assertThatThrownBy(() -> Settings.load(Optional.of(file), Map.of()))
        .hasMessageContaining("unknown key 'discord.tokn'").hasMessageContaining("discord.token");
  }

  @Test
  void badValuesSayWhatIsExpected() {
    Settings settings = Settings.load(Optional.empty(), Map.of("OFFRAMP_DISCORD_GUILD_ID", "abc",
        "OFFRAMP_MATCH_ACCEPT_THRESHOLD", "2"));
    assertThatThrownBy(() -> settings.snowflake(Settings.GUILD_ID)).hasMessageContaining("expected a Discord id");
    assertThatThrownBy(() -> settings.decimal(Settings.ACCEPT, 0.01, 1)).hasMessageContaining("expected a number from");
  }

  @Test
  void anEmptyEnvironmentVariableDoesNotOverrideTheFile() throws IOException {
    Path file = Files.createTempFile("offramp", ".properties");
    Files.writeString(file, "conversation.max-active=50\n");
    assertThat(Settings.load(Optional.of(file), Map.of("OFFRAMP_CONVERSATION_MAX_ACTIVE", "")).get(Settings.MAX_ACTIVE))
        .isEqualTo("50");
  }

  @Test
  void anUnknownOfframpVariableIsReportedLikeAnUnknownKey() {
    assertThatThrownBy(() -> Settings.load(Optional.empty(), Map.of("OFFRAMP_DISCORD_GUILDID", "1")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("OFFRAMP_DISCORD_GUILDID is not a setting")
        .hasMessageContaining("OFFRAMP_DISCORD_GUILD_ID");
  }

  /** Regression: a token pasted on a line of its own was printed in full as an "unknown key". */
  @Test
  void aLineThatIsNotKeyValueIsReportedByNumberNeverByItsText() throws IOException {
    Path file = Files.createTempFile("offramp", ".properties");
    Files.writeString(file, "# settings\ndiscord.guild-id=1\nMTIzNDU2.fake-secret-looking.text\n");
    assertThatThrownBy(() -> Settings.load(Optional.of(file), Map.of())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("line 3 is not key=value").hasMessageNotContaining("fake-secret");
  }

  @Test
  void aConfigPathThatIsADirectoryOrMissingSaysSo() throws IOException {
    Path dir = Files.createTempDirectory("offramp");
    assertThatThrownBy(() -> Settings.load(Optional.of(dir), Map.of())).hasMessageContaining("is a directory");
    assertThatThrownBy(() -> Settings.load(Optional.of(dir.resolve("nope.properties")), Map.of()))
        .hasMessageContaining("does not exist");
  }

  @Test
  void aTokenWithASpaceIsRefusedWithoutQuotingIt() {
    Settings settings = Settings.load(Optional.empty(), Map.of("DISCORD_TOKEN", "fake token-for-tests"));
    assertThatThrownBy(settings::token).isInstanceOf(ConfigException.class).hasMessageContaining("whitespace")
        .hasMessageNotContaining("fake");
  }
}
