package app.offramp.core.conversation;

import java.util.Optional;

/**
 * What staff need to know when a member asks for a person, from the conversation so far: the topic
 * and platform in hand, the step reached, the step where "It didn't work" was pressed, and when the
 * conversation started. The member's own words are not here: the front reads them where they were
 * written (a thread's or a DM's history), so the bot keeps no text for this.
 *
 * @param topicId the topic's intent id, empty when there was none yet
 * @param topic the topic's title, empty when there was none yet
 * @param platform the platform's label ("Mobile app"), empty when none was chosen
 * @param stepReached the step shown last in a walk-through (1-based), if any
 * @param troubleStep the step "It didn't work" was last pressed on (1-based), if ever
 * @param startedAt when the conversation started (epoch milliseconds), 0 when unknown
 */
public record Handoff(String topicId, String topic, String platform, Optional<Reply.Progress> stepReached,
    Optional<Reply.Progress> troubleStep, long startedAt) {
  public Handoff {
    topicId = topicId == null ? "" : topicId;
    topic = topic == null ? "" : topic;
    platform = platform == null ? "" : platform;
  }
}
