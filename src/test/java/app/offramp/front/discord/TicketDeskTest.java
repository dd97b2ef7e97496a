package app.offramp.front.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The ticket rules, on a clock of our own. */
class TicketDeskTest {
  private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
  private static final long THREAD = 100;
  private static final long MEMBER = 1;
  private static final long STAFF = 2;
  private static final long OTHER = 3;

  private final TicketDesk desk = new TicketDesk(Duration.ofMinutes(15), Duration.ofHours(48));

  private void open() {
    assertThat(desk.open(Ticket.open(THREAD, MEMBER, "Ana", "cancel", "Cancel Amazon Music", 0, T0))).isTrue();
  }

  @Test
  void aThreadHoldsOneOpenTicketAndTheBotIsQuietWhileItIsOpen() {
    open();
    assertThat(desk.open(Ticket.open(THREAD, MEMBER, "Ana", "", "", 0, T0))).isFalse();
    assertThat(desk.botStaysQuiet(THREAD)).isTrue();
    assertThat(desk.botStaysQuiet(999)).isFalse();
  }

  @Test
  void onlyStaffClaimAndTheFirstClaimHolds() {
    open();
    assertThat(desk.claim(THREAD, "Bob", false).verdict()).isEqualTo(TicketDesk.Verdict.NOT_ALLOWED);
    assertThat(desk.claim(THREAD, "Sam", true).verdict()).isEqualTo(TicketDesk.Verdict.DONE);
    TicketDesk.Outcome second = desk.claim(THREAD, "Kim", true);
    assertThat(second.verdict()).isEqualTo(TicketDesk.Verdict.ALREADY);
    assertThat(second.ticket().flatMap(Ticket::claimedBy)).hasValue("Sam");
  }

  @Test
  void staffOrTheMemberCloseOthersCannotAndAClosedTicketStaysClosed() {
    open();
    assertThat(desk.close(THREAD, OTHER, false).verdict()).isEqualTo(TicketDesk.Verdict.NOT_ALLOWED);
    assertThat(desk.close(THREAD, MEMBER, false).verdict()).isEqualTo(TicketDesk.Verdict.DONE);
    assertThat(desk.close(THREAD, STAFF, true).verdict()).isEqualTo(TicketDesk.Verdict.GONE);
    assertThat(desk.claim(THREAD, "Sam", true).verdict()).isEqualTo(TicketDesk.Verdict.GONE);
    assertThat(desk.botStaysQuiet(THREAD)).isFalse();
    assertThat(desk.open()).isEmpty();
  }

  @Test
  void theMemberRatesOnceAndOnlyTheMember() {
    open();
    desk.close(THREAD, STAFF, true);
    assertThat(desk.rate(THREAD, OTHER)).isEqualTo(TicketDesk.Verdict.NOT_ALLOWED);
    assertThat(desk.rate(THREAD, MEMBER)).isEqualTo(TicketDesk.Verdict.DONE);
    assertThat(desk.rate(THREAD, MEMBER)).isEqualTo(TicketDesk.Verdict.ALREADY);
  }

  @Test
  void staffsFirstMessageIsCountedOnceAndOthersAreNotStaff() {
    open();
    assertThat(desk.message(THREAD, MEMBER, false, T0.plusSeconds(5))).isEqualTo(TicketDesk.Speaker.MEMBER);
    assertThat(desk.message(THREAD, OTHER, false, T0.plusSeconds(6))).isEqualTo(TicketDesk.Speaker.OTHER);
    assertThat(desk.message(THREAD, STAFF, true, T0.plusSeconds(60))).isEqualTo(TicketDesk.Speaker.STAFF_FIRST_TIME);
    assertThat(desk.message(THREAD, STAFF, true, T0.plusSeconds(70))).isEqualTo(TicketDesk.Speaker.STAFF);
    assertThat(desk.get(THREAD).flatMap(Ticket::firstStaffResponse)).hasValue(T0.plusSeconds(60));
  }

  @Test
  void aMemberWaitingPastTheFirstResponseTimeIsReleasedToTheBotOnce() {
    open();
    assertThat(desk.releaseOverdue(T0.plus(Duration.ofMinutes(14)))).isEmpty();
    assertThat(desk.releaseOverdue(T0.plus(Duration.ofMinutes(15)))).extracting(Ticket::threadId).containsExactly(THREAD);
    assertThat(desk.releaseOverdue(T0.plus(Duration.ofMinutes(16)))).as("told once").isEmpty();
    assertThat(desk.botStaysQuiet(THREAD)).isFalse();
  }

  @Test
  void staffWhoAnsweredInTimeKeepTheFloor() {
    open();
    desk.message(THREAD, STAFF, true, T0.plus(Duration.ofMinutes(3)));
    assertThat(desk.releaseOverdue(T0.plus(Duration.ofHours(1)))).isEmpty();
    assertThat(desk.botStaysQuiet(THREAD)).isTrue();
  }

  @Test
  void aTicketIsIdleCountedFromItsLastMessage() {
    open();
    desk.message(THREAD, MEMBER, false, T0.plus(Duration.ofHours(10)));
    assertThat(desk.idle(T0.plus(Duration.ofHours(48)))).isEmpty();
    assertThat(desk.idle(T0.plus(Duration.ofHours(58)))).containsExactly(THREAD);
    assertThat(desk.closeIdle(THREAD)).isPresent();
    assertThat(desk.closeIdle(THREAD)).as("closed once").isEmpty();
    assertThat(desk.idle(T0.plus(Duration.ofHours(60)))).isEmpty();
  }

  @Test
  void closedTicketsAreForgottenAWeekAfterOpening() {
    open();
    desk.close(THREAD, MEMBER, false);
    desk.forgetOld(T0.plus(Duration.ofDays(6)));
    assertThat(desk.get(THREAD)).isPresent();
    desk.forgetOld(T0.plus(Duration.ofDays(8)));
    assertThat(desk.get(THREAD)).isEmpty();
  }

  @Test
  void durationsReadAsStaffSayThem() {
    assertThat(Durations.words(Duration.ofHours(48))).isEqualTo("2 d");
    assertThat(Durations.words(Duration.ofMinutes(15))).isEqualTo("15 min");
    assertThat(Durations.words(Duration.ofSeconds(4))).isEqualTo("4 s");
    assertThat(Durations.words(Duration.ofMinutes(90))).isEqualTo("1 h 30 min");
  }
}
