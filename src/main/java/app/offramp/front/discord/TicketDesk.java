package app.offramp.front.discord;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The tickets this process holds, by thread, and their rules: who may claim, close and rate, when
 * staff answered, when the member has waited too long (the bot speaks again) and when a ticket has
 * been quiet too long (it closes). Knows nothing of JDA: {@link Tickets} does the talking. Each
 * change is one atomic swap of the thread's {@link Ticket}, so two staff pressing Claim at once
 * get one claim.
 *
 * <p>Held in memory: a restart forgets open tickets (their threads stay, staff carry on there by
 * hand; the idle close and the first-response notice do not happen for them).
 */
final class TicketDesk {
  /** A closed ticket is remembered this long after it opened, for its one rating. */
  static final Duration KEEP_CLOSED = Duration.ofDays(7);

  enum Speaker { MEMBER, STAFF_FIRST_TIME, STAFF, OTHER, NO_TICKET }

  enum Verdict { DONE, ALREADY, NOT_ALLOWED, GONE }

  /** What an attempt to claim or close did, and the ticket as it is now. */
  record Outcome(Verdict verdict, Optional<Ticket> ticket) {}

  private final ConcurrentMap<Long, Ticket> tickets = new ConcurrentHashMap<>();
  private final Duration firstResponse;
  private final Duration idleClose;

  TicketDesk(Duration firstResponse, Duration idleClose) {
    this.firstResponse = firstResponse;
    this.idleClose = idleClose;
  }

  /** Opens {@code ticket}; false when its thread already holds an open one. */
  boolean open(Ticket ticket) {
    Ticket[] was = new Ticket[1];
    tickets.compute(ticket.threadId(), (id, old) -> {
      was[0] = old;
      return old != null && !old.closed() ? old : ticket;
    });
    return was[0] == null || was[0].closed();
  }

  Optional<Ticket> get(long threadId) {
    return Optional.ofNullable(tickets.get(threadId));
  }

  /** The open ticket a member opened from a DM, if any: a second call from the DM points to it. */
  Optional<Ticket> openFromDm(long memberId) {
    return tickets.values().stream().filter(t -> t.fromDm() && !t.closed() && t.memberId() == memberId).findFirst();
  }

  /** True while the thread's ticket is open and staff have the floor: the bot says nothing there. */
  boolean botStaysQuiet(long threadId) {
    Ticket t = tickets.get(threadId);
    return t != null && !t.closed() && !t.released();
  }

  /** A message in the thread: who wrote it, as the ticket sees it, and its time kept. */
  Speaker message(long threadId, long authorId, boolean staff, Instant at) {
    Speaker[] said = {Speaker.NO_TICKET};
    tickets.computeIfPresent(threadId, (id, t) -> {
      if (t.closed()) {
        return t;
      }
      if (authorId == t.memberId()) {
        said[0] = Speaker.MEMBER;
        return t.withMessage(at);
      }
      if (staff) {
        said[0] = t.firstStaffResponse().isPresent() ? Speaker.STAFF : Speaker.STAFF_FIRST_TIME;
        return t.withStaffResponse(at);
      }
      said[0] = Speaker.OTHER;
      return t.withMessage(at);
    });
    return said[0];
  }

  /** Staff claim the ticket; the first claim holds. */
  Outcome claim(long threadId, String staffName, boolean staff) {
    if (!staff) {
      return new Outcome(Verdict.NOT_ALLOWED, get(threadId));
    }
    Verdict[] verdict = {Verdict.GONE};
    Ticket after = tickets.computeIfPresent(threadId, (id, t) -> {
      if (t.closed()) {
        verdict[0] = Verdict.GONE;
        return t;
      }
      if (t.claimedBy().isPresent()) {
        verdict[0] = Verdict.ALREADY;
        return t;
      }
      verdict[0] = Verdict.DONE;
      return t.claimed(staffName);
    });
    return new Outcome(verdict[0], Optional.ofNullable(after));
  }

  /** Closes the ticket: staff, or the member it is for, may; the first close holds. */
  Outcome close(long threadId, long byId, boolean staff) {
    Verdict[] verdict = {Verdict.GONE};
    Ticket after = tickets.computeIfPresent(threadId, (id, t) -> {
      if (t.closed()) {
        verdict[0] = Verdict.GONE;
        return t;
      }
      if (!staff && byId != t.memberId()) {
        verdict[0] = Verdict.NOT_ALLOWED;
        return t;
      }
      verdict[0] = Verdict.DONE;
      return t.closedNow();
    });
    return new Outcome(verdict[0], Optional.ofNullable(after));
  }

  /** Closes the ticket because nobody wrote for {@code idle-close}, when it is still open. */
  Optional<Ticket> closeIdle(long threadId) {
    boolean[] closed = {false};
    Ticket after = tickets.computeIfPresent(threadId, (id, t) -> {
      if (t.closed()) {
        return t;
      }
      closed[0] = true;
      return t.closedNow();
    });
    return closed[0] ? Optional.of(after) : Optional.empty();
  }

  /** The member's one rating of a closed ticket. */
  Verdict rate(long threadId, long memberId) {
    Verdict[] verdict = {Verdict.GONE};
    tickets.computeIfPresent(threadId, (id, t) -> {
      if (t.memberId() != memberId) {
        verdict[0] = Verdict.NOT_ALLOWED;
        return t;
      }
      if (t.rated()) {
        verdict[0] = Verdict.ALREADY;
        return t;
      }
      verdict[0] = Verdict.DONE;
      return t.ratedNow();
    });
    return verdict[0];
  }

  /**
   * The open tickets whose member has waited {@code first-response} with no word from staff, each
   * now released to the bot (once: a released ticket is not returned again).
   */
  List<Ticket> releaseOverdue(Instant now) {
    List<Ticket> due = new ArrayList<>();
    for (Long id : tickets.keySet()) {
      tickets.computeIfPresent(id, (k, t) -> {
        if (t.closed() || t.released() || t.firstStaffResponse().isPresent()
            || Duration.between(t.opened(), now).compareTo(firstResponse) < 0) {
          return t;
        }
        Ticket released = t.releasedToBot();
        due.add(released);
        return released;
      });
    }
    return due;
  }

  /** The open tickets nobody wrote in for {@code idle-close}. */
  List<Long> idle(Instant now) {
    return tickets.values().stream().filter(t -> !t.closed()
        && Duration.between(t.lastMessage(), now).compareTo(idleClose) >= 0).map(Ticket::threadId).toList();
  }

  /** The open tickets, oldest first. */
  List<Ticket> open() {
    return tickets.values().stream().filter(t -> !t.closed()).sorted(Comparator.comparing(Ticket::opened)).toList();
  }

  /** Forgets closed tickets opened more than {@link #KEEP_CLOSED} ago. */
  void forgetOld(Instant now) {
    tickets.values().removeIf(t -> t.closed() && Duration.between(t.opened(), now).compareTo(KEEP_CLOSED) > 0);
  }

  Duration idleClose() {
    return idleClose;
  }
}
