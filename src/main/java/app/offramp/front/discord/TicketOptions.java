package app.offramp.front.discord;

import java.time.Duration;
import java.util.Optional;

/**
 * The {@code discord.tickets.*} settings.
 *
 * @param channelId where a staff call from a DM opens a private ticket thread; none: DMs are told
 *     to ask in the support channel, and the bot keeps answering there
 * @param logChannelId where a closed ticket's transcript is posted; none: no transcript
 * @param firstResponse how long a member waits for staff before the bot says they are busy and
 *     answers again
 * @param idleClose how long a ticket stays open without a message
 */
public record TicketOptions(Optional<Long> channelId, Optional<Long> logChannelId, Duration firstResponse,
    Duration idleClose) {
  public static final TicketOptions DEFAULTS = new TicketOptions(Optional.empty(), Optional.empty(),
      Duration.ofMinutes(15), Duration.ofHours(48));
}
