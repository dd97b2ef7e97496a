package app.offramp.core.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Something that happened to a ticket (a staff call with a place of its own), for the insights and
 * the metrics. Ids are the front's (Discord snowflakes); whoever stores them hashes them. No message
 * text: what was said in a ticket stays in Discord (and in the transcript staff chose to keep).
 *
 * @param ticketId the ticket's thread
 * @param place where the member asked: {@code thread} (a support thread) or {@code dm}
 * @param topic the topic's id when the member was on one, else empty
 * @param memberId the member the ticket is for
 * @param staffId who claimed, answered or closed, when staff did
 * @param sinceOpened for first response, claim and close: how long after opening
 * @param rating for a rating: 1 to 5
 * @param closedBy for a close: {@code staff}, {@code member} or {@code idle}
 */
public record TicketEvent(Instant at, Kind kind, String ticketId, String place, String topic, String memberId,
    Optional<String> staffId, Optional<Duration> sinceOpened, OptionalInt rating, Optional<String> closedBy) {
  public enum Kind { OPENED, FIRST_RESPONSE, CLAIMED, CLOSED, RATED }

  public TicketEvent {
    topic = topic == null ? "" : topic;
  }
}
