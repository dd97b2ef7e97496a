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
    Duration staffCooldown,
    int maxPendingPerChannel,
    Duration shutdownGrace,
    int shardsTotal,
    java.util.List<Integer> shardIds,
    TicketOptions tickets,
    String locale) {

  public DiscordOptions {
    supportChannelIds = Set.copyOf(supportChannelIds);
    shardIds = java.util.List.copyOf(shardIds);
    if (shardsTotal < 1) {
      throw new IllegalArgumentException("shards total is " + shardsTotal + "; expected at least 1");
    }
    for (int id : shardIds) {
      if (id < 0 || id >= shardsTotal) {
        throw new IllegalArgumentException("shard id " + id + " is not below the total " + shardsTotal);
      }
    }
  }

  /** {@code discord.locale}: the server's language, for messages that do not say theirs. */
  public DiscordOptions(String token, Optional<Long> guildId, Set<Long> supportChannelIds, Optional<Long> staffRoleId,
      String restUrl, String gatewayUrl, boolean ephemeral, int floodMax, Duration floodWindow, Duration staffCooldown,
      int maxPendingPerChannel, Duration shutdownGrace, int shardsTotal, java.util.List<Integer> shardIds,
      TicketOptions tickets) {
    this(token, guildId, supportChannelIds, staffRoleId, restUrl, gatewayUrl, ephemeral, floodMax, floodWindow,
        staffCooldown, maxPendingPerChannel, shutdownGrace, shardsTotal, shardIds, tickets, "en");
  }

  /** Without tickets from DMs, and with the default ticket timings. */
  public DiscordOptions(String token, Optional<Long> guildId, Set<Long> supportChannelIds, Optional<Long> staffRoleId,
      String restUrl, String gatewayUrl, boolean ephemeral, int floodMax, Duration floodWindow, Duration staffCooldown,
      int maxPendingPerChannel, Duration shutdownGrace, int shardsTotal, java.util.List<Integer> shardIds) {
    this(token, guildId, supportChannelIds, staffRoleId, restUrl, gatewayUrl, ephemeral, floodMax, floodWindow,
        staffCooldown, maxPendingPerChannel, shutdownGrace, shardsTotal, shardIds, TicketOptions.DEFAULTS);
  }

  /** A single shard, as a bot in fewer than 2,500 servers runs. */
  public DiscordOptions(String token, Optional<Long> guildId, Set<Long> supportChannelIds, Optional<Long> staffRoleId,
      String restUrl, String gatewayUrl, boolean ephemeral, int floodMax, Duration floodWindow, Duration staffCooldown,
      int maxPendingPerChannel, Duration shutdownGrace) {
    this(token, guildId, supportChannelIds, staffRoleId, restUrl, gatewayUrl, ephemeral, floodMax, floodWindow,
        staffCooldown, maxPendingPerChannel, shutdownGrace, 1, java.util.List.of(0));
  }

  /** With the defaults for the pending-work bound (50 a channel) and the shutdown grace (10 s). */
  public DiscordOptions(String token, Optional<Long> guildId, Set<Long> supportChannelIds, Optional<Long> staffRoleId,
      String restUrl, String gatewayUrl, boolean ephemeral, int floodMax, Duration floodWindow, Duration staffCooldown) {
    this(token, guildId, supportChannelIds, staffRoleId, restUrl, gatewayUrl, ephemeral, floodMax, floodWindow,
        staffCooldown, 50, Duration.ofSeconds(10));
  }

  /** Never prints the token. */
  @Override
  public String toString() {
    return "DiscordOptions[guildId=" + guildId + ", supportChannelIds=" + supportChannelIds + ", staffRoleId="
        + staffRoleId + ", restUrl=" + restUrl + ", gatewayUrl=" + gatewayUrl + ", ephemeral=" + ephemeral + ", staffCooldown="
        + staffCooldown + ", shards=" + shardIds + " of " + shardsTotal + ", tickets=" + tickets + ", locale=" + locale + "]";
  }
}
