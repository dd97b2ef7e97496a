package app.offramp.front.discord;

/**
 * What only the Discord front sees, for metrics: messages dropped by the flood guard or a full
 * channel backlog, how long a reply took from the gateway event to Discord accepting it, and
 * Discord's rate limits (HTTP 429). The ops adapter implements it; {@link #NONE} counts nothing.
 */
public interface DiscordTelemetry {
  DiscordTelemetry NONE = new DiscordTelemetry() { };

  /** A member's message was not taken because they sent too many too fast. */
  default void floodDropped() {
  }

  /** A question was not taken because its channel's backlog was full (left to humans). */
  default void backlogFull() {
  }

  /** A reply was accepted by Discord {@code nanos} after its gateway event arrived. */
  default void replied(long nanos) {
  }

  /** Discord answered a request with 429 Too Many Requests (JDA waits and retries it). */
  default void rateLimited() {
  }
}
