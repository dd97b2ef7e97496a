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
}
