package app.offramp.cli;

import app.offramp.core.port.in.Review;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * {@code /offramp review} while the matcher is still being built (the first seconds after a start):
 * the call waits for it, on the admin thread the front runs reviews on.
 */
record StartingReview(CompletableFuture<Review> ready) implements Review {
  @Override
  public View next(String language, UnaryOperator<String> quote) {
    return ready.join().next(language, quote);
  }

  @Override
  public View choose(String token, String choice, String staffId, String language, UnaryOperator<String> quote) {
    return ready.join().choose(token, choice, staffId, language, quote);
  }
}
