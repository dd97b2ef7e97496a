package app.offramp.cli;

import app.offramp.front.discord.StatsSource;
import java.util.concurrent.Future;

/**
 * {@code /offramp stats} while the insights database is still opening (it opens once the bot is
 * connected, and a new database is migrated first): says so, instead of the database's own error
 * ("no such table: turns") that reading it mid-migration gave.
 */
record StatsOnceOpen(StatsSource database, Future<?> opened) implements StatsSource {
  static final String STILL_OPENING =
      "The insights database is still opening (the bot has just started); ask again in a few seconds.";

  @Override
  public String lastWeek() {
    return opened.isDone() ? database.lastWeek() : STILL_OPENING;
  }
}
