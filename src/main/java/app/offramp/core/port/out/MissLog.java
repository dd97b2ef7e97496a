package app.offramp.core.port.out;

import java.util.Collection;
import java.util.List;

/**
 * The questions the bot missed, as the insights database keeps them (an outbound port): what
 * members asked that it did not understand, or answered and were told "it didn't help", with
 * their text, for staff to teach it from ({@code /offramp review}). Implementations read a
 * database: slow calls, never made on a front's event thread.
 */
public interface MissLog {
  /** A missed question: its text, the asker's salted hash, and whether it was answered but did not help. */
  record Miss(String text, String member, boolean didNotHelp) {}

  /** Why there is nothing to read: insights off, still opening, or no text kept. */
  enum Availability { READY, OFF, OPENING, NO_TEXT }

  MissLog NONE = new MissLog() {
    @Override
    public Availability availability() {
      return Availability.OFF;
    }

    @Override
    public List<Miss> unreviewed(int limit) {
      return List.of();
    }

    @Override
    public void reviewed(Collection<String> texts, String decision, String staffId) {}

    @Override
    public String staffHash(String staffId) {
      return "";
    }
  };

  Availability availability();

  /**
   * The missed questions with text that no review has decided yet, newest first, at most
   * {@code limit}.
   *
   * @throws IllegalStateException when the database cannot be read (its message says why)
   */
  List<Miss> unreviewed(int limit);

  /** Marks these questions decided ("cancel", "none", "skip"), so a later review does not show them again. */
  void reviewed(Collection<String> texts, String decision, String staffId);

  /** The staff member as the insights keep members: a salted hash, never the id. */
  String staffHash(String staffId);
}
