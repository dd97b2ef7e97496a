package app.offramp.front.discord;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.sharding.ShardManager;

/**
 * What tickets need of the server, checked once connected so a missing channel or permission is one
 * line at start-up, not a silent failure at a member's first staff call.
 */
final class TicketChecks {
  /** A private ticket thread: open it, add the member, post the card, lock it on close. */
  static final EnumSet<Permission> TICKET_CHANNEL = EnumSet.of(Permission.VIEW_CHANNEL,
      Permission.CREATE_PRIVATE_THREADS, Permission.MESSAGE_SEND_IN_THREADS, Permission.MANAGE_THREADS,
      Permission.MESSAGE_EMBED_LINKS, Permission.MESSAGE_HISTORY);
  /** The transcript, a text file. */
  static final EnumSet<Permission> LOG_CHANNEL = EnumSet.of(Permission.VIEW_CHANNEL, Permission.MESSAGE_SEND,
      Permission.MESSAGE_ATTACH_FILES);
  /** The card in a support thread (the member's messages read back), and Close's lock. */
  static final EnumSet<Permission> SUPPORT_CHANNEL = EnumSet.of(Permission.MESSAGE_EMBED_LINKS,
      Permission.MESSAGE_HISTORY, Permission.MANAGE_THREADS);

  private TicketChecks() {}

  static boolean mayOpenTickets(TextChannel channel) {
    return missing(channel, TICKET_CHANNEL).isEmpty();
  }

  /** One line per problem, naming the setting, the channel and what is missing. */
  static List<String> problems(ShardManager shards, DiscordOptions options) {
    List<String> problems = new ArrayList<>();
    check(shards, "discord.tickets.channel-id", options.tickets().channelId(), TICKET_CHANNEL,
        "a staff call from a DM will tell the member to ask in the support channel instead", problems);
    check(shards, "discord.tickets.log-channel-id", options.tickets().logChannelId(), LOG_CHANNEL,
        "closed tickets will have no transcript", problems);
    for (long id : options.supportChannelIds()) {
      TextChannel channel = shards.getTextChannelById(id);
      if (channel != null) {
        String missing = names(missing(channel, SUPPORT_CHANNEL));
        if (!missing.isEmpty()) {
          problems.add("discord.support-channel-ids " + id + " (#" + channel.getName() + "): the bot lacks " + missing
              + "; staff cards will lack the member's messages or Close will not lock the thread");
        }
      }
    }
    return problems;
  }

  private static void check(ShardManager shards, String key, Optional<Long> id, EnumSet<Permission> needed,
      String consequence, List<String> problems) {
    if (id.isEmpty()) {
      return;
    }
    TextChannel channel = shards.getTextChannelById(id.get());
    if (channel == null) {
      problems.add(key + " " + id.get() + " is not a text channel the bot can see; expected the id of a text channel "
          + "in the server (" + consequence + ")");
      return;
    }
    String missing = names(missing(channel, needed));
    if (!missing.isEmpty()) {
      problems.add(key + " " + id.get() + " (#" + channel.getName() + "): the bot lacks " + missing + " there; "
          + consequence);
    }
  }

  private static EnumSet<Permission> missing(TextChannel channel, EnumSet<Permission> needed) {
    Member self = channel.getGuild().getSelfMember();
    EnumSet<Permission> missing = EnumSet.noneOf(Permission.class);
    for (Permission p : needed) {
      if (!self.hasPermission(channel, p)) {
        missing.add(p);
      }
    }
    return missing;
  }

  private static String names(EnumSet<Permission> permissions) {
    return permissions.stream().map(Permission::getName).collect(Collectors.joining(", "));
  }
}
