package app.offramp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import app.offramp.config.Settings;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServeCommandTest {
  @Test
  void serveWithoutATokenExitsTwoWithOneLineSayingHowToSetIt() throws Exception {
    int code = ServeCommand.run(Settings.load(Optional.empty(), Map.of()));
    assertThat(code).isEqualTo(2);
    assertThat(ServeCommand.NO_TOKEN).contains("DISCORD_TOKEN").contains("discord.token").doesNotContain("\n");
  }

  @Test
  void environmentOverridesUseOfframpUpperSnakeCase() {
    Settings settings = Settings.load(Optional.empty(), Map.of("OFFRAMP_DISCORD_GUILD_ID", "42",
        "DISCORD_TOKEN", "fake-token", "OFFRAMP_DISCORD_SUPPORT_CHANNEL_IDS", "1, 2"));
    assertThat(Settings.envName("discord.guild-id")).isEqualTo("OFFRAMP_DISCORD_GUILD_ID");
    assertThat(settings.snowflake(Settings.GUILD_ID)).contains(42L);
    assertThat(settings.snowflakes(Settings.SUPPORT_CHANNEL_IDS)).containsExactly(1L, 2L);
    assertThat(settings.token()).contains("fake-token");
    var options = ServeCommand.options(settings);
    assertThat(options.restUrl()).isEqualTo("https://discord.com/api/v10/");
    assertThat(options.gatewayUrl()).isEqualTo("wss://gateway.discord.gg/");
    assertThat(options.toString()).doesNotContain("fake-token");
  }

  @Test
  void aBadSettingIsOneClearLine() {
    Settings settings = Settings.load(Optional.empty(), Map.of("OFFRAMP_CONVERSATION_IDLE_TIMEOUT", "soon"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> settings.duration(Settings.IDLE_TIMEOUT))
        .hasMessage("conversation.idle-timeout is 'soon'; expected a positive duration of at most 3650d, such as 30m,"
            + " 90s or PT30M");
  }

  /**
   * Regression (issue 23): a bad match.* value surfaced only as "could not connect" after the Discord
   * login failed, and insights.retention=0 was swallowed by a future. Every setting is checked before
   * anything starts: one line, exit 2, and nothing connects (the REST URL here would not answer).
   */
  @Test
  void everySettingIsCheckedBeforeAnythingStarts() {
    for (Map.Entry<String, String> bad : Map.of(
        "OFFRAMP_MATCH_ACCEPT_THRESHOLD", "2", "OFFRAMP_INSIGHTS_RETENTION", "0",
        "OFFRAMP_SHUTDOWN_GRACE", "999999d", "OFFRAMP_CONVERSATION_IDLE_TIMEOUT", "9999999999999d",
        "OFFRAMP_OPS_BIND_ADDRESS", "not an address!", "OFFRAMP_LOGGING_FORMAT", "xml",
        "OFFRAMP_INSIGHTS_JDBC_URL", "jdbc:mysql://h/db?password=hunter2").entrySet()) {
      Settings settings = Settings.load(Optional.empty(), Map.of("DISCORD_TOKEN", "fake-token",
          "OFFRAMP_DISCORD_REST_URL", "http://127.0.0.1:9/api/v10/", bad.getKey(), bad.getValue()));
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServeCommand.checkSettings(settings))
          .as(bad.getKey()).isInstanceOf(app.offramp.config.ConfigException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "hunter2"));
    }
  }

  @Test
  void aLocaleTheIntentsDoNotSpeakIsOneLineBeforeConnecting() {
    Settings malformed = Settings.load(Optional.empty(), Map.of("DISCORD_TOKEN", "fake-token",
        "OFFRAMP_DISCORD_LOCALE", "english!"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServeCommand.checkSettings(malformed))
        .isInstanceOf(app.offramp.config.ConfigException.class).hasMessageContaining("discord.locale is 'english!'");
    Settings unknown = Settings.load(Optional.empty(), Map.of("DISCORD_TOKEN", "fake-token",
        "OFFRAMP_DISCORD_REST_URL", "http://127.0.0.1:9/api/v10/", "OFFRAMP_DISCORD_LOCALE", "ja"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServeCommand.start(unknown))
        .isInstanceOf(app.offramp.config.ConfigException.class)
        .hasMessage("discord.locale is 'ja'; expected one of [de, en, es, fr, it, pt] (the languages of intents)");
  }
}
