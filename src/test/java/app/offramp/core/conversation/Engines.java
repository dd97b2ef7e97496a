package app.offramp.core.conversation;

import app.offramp.adapter.embedding.MiniLmSentenceEncoder;
import app.offramp.TestPaths;
import app.offramp.core.intent.IntentCatalog;
import app.offramp.core.intent.IntentLoader;
import app.offramp.core.match.IntentMatcher;
import app.offramp.core.match.MatchThresholds;

/** The real engine over the project's real intents, loaded once per JVM. */
public final class Engines {
  private static ConversationEngine engine;

  private Engines() {}

  public static synchronized ConversationEngine real() {
    if (engine == null) {
      try {
        IntentCatalog catalog = new IntentLoader().load(TestPaths.INTENTS);
        engine = new ConversationEngine(catalog, new IntentMatcher(catalog, MatchThresholds.DEFAULT, MiniLmSentenceEncoder.shared()));
      } catch (Exception e) {
        throw new AssertionError("project intents must load", e);
      }
    }
    return engine;
  }

  private static ConversationEngine englishOnly;

  /** The real intents and matcher without their translations: every reply in English. */
  public static synchronized ConversationEngine englishOnly() {
    if (englishOnly == null) {
      IntentCatalog all = real().catalog();
      englishOnly = new ConversationEngine(new IntentCatalog(all.intents(), all.outOfScopeExamples(), all.services(),
          all.controls(), all.messages()), matcher());
    }
    return englishOnly;
  }

  /** The real intents and matcher with a clock the test sets (for "staff were called at"). */
  public static ConversationEngine withClock(java.time.Clock clock) {
    return new ConversationEngine(real().catalog(), matcher(), true, clock);
  }

  private static IntentMatcher matcher;

  /** The matcher over the real intents, shared by the tests that need it. */
  static synchronized IntentMatcher matcher() {
    if (matcher == null) {
      matcher = new IntentMatcher(real().catalog(), MatchThresholds.DEFAULT, MiniLmSentenceEncoder.shared());
    }
    return matcher;
  }
}
