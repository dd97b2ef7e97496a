package app.offramp.front.discord;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** What the Discord front needs from the settings, already parsed and checked. */
public record DiscordOptions(
    String token,
    Optional<Long> guildId,
    Set<Long> supportChannelIds,
    Optional<Long> staffRoleId,
    String restUrl,
    String gatewayUrl,
    boolean ephemeral,
    int floodMax,
    Duration floodWindow,
    Duration staffCooldown) {

  public DiscordOptions {
    supportChannelIds = Set.copyOf(supportChannelIds);
  }

  /** Never prints the token. */
  @Override
  public String toString() {
    return "DiscordOptions[guildId=" + guildId + ", supportChannelIds=" + supportChannelIds + ", staffRoleId="
        + staffRoleId + ", restUrl=" + restUrl + ", gatewayUrl=" + gatewayUrl + ", ephemeral=" + ephemeral + ", staffCooldown=" + staffCooldown + "]";
  }
}
