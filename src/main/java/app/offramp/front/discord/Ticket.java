package app.offramp.front.discord;

import java.time.Instant;
import java.util.Optional;

/**
 * One staff call with a place of its own: a support thread where the member pressed Talk to staff,
 * or a private thread opened for a call from a DM. Immutable; {@link TicketDesk} swaps in the next.
 *
 * @param threadId the ticket's thread (its id names the ticket)
 * @param memberId the member who asked
 * @param memberName the member's name, for the card and the transcript (never a ping)
 * @param topicId the topic's intent id, empty when none
 * @param topic the topic's title, empty when none
 * @param fromDm whether the member asked in a DM (the thread was opened for it)
 * @param dmChannelId the DM the member asked in, 0 when not from a DM
 * @param opened when the ticket opened
 * @param lastMessage when anyone last wrote in it (idle close counts from here)
 * @param firstStaffResponse when staff first wrote in it
 * @param claimedBy who claimed it (a name), if anyone
 * @param released whether nobody came in time and the bot answers the member again
 * @param closed whether it is closed (kept a while, for the member's one rating)
 * @param rated whether the member rated it
 */
record Ticket(long threadId, long memberId, String memberName, String topicId, String topic, boolean fromDm,
    long dmChannelId, Instant opened, Instant lastMessage, Optional<Instant> firstStaffResponse,
    Optional<String> claimedBy, boolean released, boolean closed, boolean rated) {

  static Ticket open(long threadId, long memberId, String memberName, String topicId, String topic, long dmChannelId,
      Instant now) {
    return new Ticket(threadId, memberId, memberName, topicId, topic, dmChannelId != 0, dmChannelId, now, now,
        Optional.empty(), Optional.empty(), false, false, false);
  }

  /** {@code thread} or {@code dm}: where the member asked, for the numbers. */
  String place() {
    return fromDm ? "dm" : "thread";
  }

  Ticket withMessage(Instant at) {
    return new Ticket(threadId, memberId, memberName, topicId, topic, fromDm, dmChannelId, opened, at,
        firstStaffResponse, claimedBy, released, closed, rated);
  }

  Ticket withStaffResponse(Instant at) {
    return new Ticket(threadId, memberId, memberName, topicId, topic, fromDm, dmChannelId, opened, at,
        firstStaffResponse.or(() -> Optional.of(at)), claimedBy, released, closed, rated);
  }

  Ticket claimed(String staff) {
    return new Ticket(threadId, memberId, memberName, topicId, topic, fromDm, dmChannelId, opened, lastMessage,
        firstStaffResponse, Optional.of(staff), released, closed, rated);
  }

  Ticket releasedToBot() {
    return new Ticket(threadId, memberId, memberName, topicId, topic, fromDm, dmChannelId, opened, lastMessage,
        firstStaffResponse, claimedBy, true, closed, rated);
  }

  Ticket closedNow() {
    return new Ticket(threadId, memberId, memberName, topicId, topic, fromDm, dmChannelId, opened, lastMessage,
        firstStaffResponse, claimedBy, released, true, rated);
  }

  Ticket ratedNow() {
    return new Ticket(threadId, memberId, memberName, topicId, topic, fromDm, dmChannelId, opened, lastMessage,
        firstStaffResponse, claimedBy, released, closed, true);
  }
}
