package app.offramp.front.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StaffPingsTest {
  /** Regression: one member ran /staff 30 times and caused 24 role pings in 31 s. */
  @Test
  void aMemberPingsStaffOncePerCooldownHoweverOftenTheyAsk() {
    AtomicLong nanos = new AtomicLong();
    Ticker ticker = nanos::get;
    StaffPings pings = new StaffPings(Duration.ofMinutes(10), ticker);
    int pinged = 0;
    for (int i = 0; i < 30; i++) {
      pinged += pings.mayPing(7L) ? 1 : 0;
      nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    }
    assertThat(pinged).isEqualTo(1);
    assertThat(pings.mayPing(8L)).as("another member is not held back").isTrue();
    nanos.addAndGet(Duration.ofMinutes(10).toNanos());
    assertThat(pings.mayPing(7L)).as("after the cooldown").isTrue();
  }
}
