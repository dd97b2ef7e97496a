package app.offramp.front.discord;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;

/**
 * At most one staff-role ping per member per cooldown ({@code discord.staff.cooldown}), across all
 * their conversations: a member who presses Talk to staff in three threads, or runs /staff thirty
 * times, pings the role once. The conversation still records its own call.
 */
final class StaffPings {
  private final Cache<Long, Boolean> recent;

  StaffPings(Duration cooldown, Ticker ticker) {
    this.recent = Caffeine.newBuilder().expireAfterWrite(cooldown).maximumSize(1_000_000).ticker(ticker)
        .executor(Runnable::run).build();
  }

  /** True, once per cooldown, when this member's call may ping the role. */
  boolean mayPing(long memberId) {
    boolean[] first = new boolean[1];
    recent.asMap().computeIfAbsent(memberId, k -> {
      first[0] = true;
      return Boolean.TRUE;
    });
    return first[0];
  }
}
