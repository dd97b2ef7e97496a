package app.offramp.cli;

import app.offramp.adapter.embedding.MiniLmSentenceEncoder;
import app.offramp.config.Settings;
import app.offramp.adapter.store.CaffeineConversationStore;
import app.offramp.core.conversation.ConversationEngine;
import app.offramp.core.service.ConversationService;
import app.offramp.core.intent.IntentCatalog;
import app.offramp.core.intent.IntentLoadException;
import app.offramp.core.intent.IntentLoader;
import app.offramp.core.match.IntentMatcher;
import app.offramp.core.match.MatchThresholds;
import com.github.benmanes.caffeine.cache.Ticker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/** Builds the core (intents, matcher, engine, store) from settings: the composition root's half. */
public final class Core {
  private Core() {}

  public static MatchThresholds thresholds(Settings settings) {
    return new MatchThresholds(settings.decimal(Settings.ACCEPT, 0.01, 1), settings.decimal(Settings.MARGIN, 0, 0.99));
  }

  /** The intent loader, checking sources against the configured document. */
  public static IntentLoader loader(Settings settings) {
    return new IntentLoader(settings.sourceDocument());
  }

  public static ConversationEngine engine(Settings settings, Path intentsDir) throws IOException, IntentLoadException {
    return engine(settings, loader(settings).load(intentsDir));
  }

  /** The engine for an already loaded catalog: loads the sentence model and fits the matcher (seconds). */
  public static ConversationEngine engine(Settings settings, IntentCatalog catalog) {
    return new ConversationEngine(catalog, new IntentMatcher(catalog, thresholds(settings), MiniLmSentenceEncoder.shared()),
        settings.bool(Settings.SHOW_SOURCE), Clock.systemUTC());
  }

  public static ConversationService service(Settings settings, Path intentsDir) throws IOException, IntentLoadException {
    return service(settings, intentsDir, loader(settings).load(intentsDir));
  }

  /** The service for a catalog already loaded from {@code intentsDir} (reloads read that directory again). */
  public static ConversationService service(Settings settings, Path intentsDir, IntentCatalog catalog) {
    ConversationEngine engine = engine(settings, catalog);
    CaffeineConversationStore store = new CaffeineConversationStore(settings.duration(Settings.IDLE_TIMEOUT),
        settings.integer(Settings.MAX_ACTIVE, 1, 100_000_000), Ticker.systemTicker());
    return new ConversationService(engine, store, () -> engine(settings, intentsDir));
  }
}
