package app.offramp.front.discord;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-member rate limit over a fixed window: the first {@code max} events pass, the next one gets
 * a single notice, the rest are dropped silently until the window passes. So a flood never turns
 * into a flood of replies or REST calls.
 */
final class FloodGuard {
  enum Verdict { ALLOW, NOTICE, DROP }

  private final int max;
  private final Cache<Long, AtomicInteger> counts;

  FloodGuard(int max, Duration window, Ticker ticker) {
    this.max = max;
    this.counts = Caffeine.newBuilder().expireAfterWrite(window).maximumSize(1_000_000).ticker(ticker)
        .executor(Runnable::run).build();
  }

  Verdict check(long memberId) {
    int n = counts.asMap().computeIfAbsent(memberId, k -> new AtomicInteger()).incrementAndGet();
    if (n <= max) {
      return Verdict.ALLOW;
    }
    return n == max + 1 ? Verdict.NOTICE : Verdict.DROP;
  }
}
