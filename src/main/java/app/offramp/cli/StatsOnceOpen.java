package app.offramp.cli;

import app.offramp.front.discord.StatsSource;
import java.util.concurrent.Future;

/**
 * {@code /offramp stats} while the insights database is still opening (it opens once the bot is
 * connected, and a new database is migrated first): says so, instead of the database's own error
 * ("no such table: turns") that reading it mid-migration gave.
 */
record StatsOnceOpen(StatsSource database, Future<?> opened) implements StatsSource {
  /** The messages-file key of "still opening, ask again in a few seconds". */
  static final String STILL_OPENING = "admin.stats_opening";

  @Override
  public java.util.Optional<String> lastWeek() {
    return opened.isDone() ? database.lastWeek() : java.util.Optional.empty();
  }

  @Override
  public String unavailable() {
    return opened.isDone() ? database.unavailable() : STILL_OPENING;
  }
}
