package app.offramp.adapter.store;

import app.offramp.core.conversation.Choice;
import app.offramp.core.conversation.ConversationState;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A conversation's state as versioned JSON, for stores outside the process. {@code v} names the
 * shape; a value of another version (written by a newer or older bot) or one that does not parse
 * reads as no conversation, so a deploy that changes the shape expires conversations instead of
 * crashing on them. Raise {@link #VERSION} whenever a field changes meaning.
 */
final class StateJson {
  static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private StateJson() {}

  static String write(ConversationState state) {
    ObjectNode o = JSON.createObjectNode();
    o.put("v", VERSION);
    o.put("phase", state.phase().name());
    o.put("intent", state.intentId());
    o.put("slot", state.slotValue());
    o.put("step", state.step());
    ArrayNode offered = o.putArray("offered");
    for (Choice c : state.offered()) {
      offered.addObject().put("id", c.id()).put("label", c.label()).put("style", c.style().name());
    }
    state.resume().ifPresent(r -> o.putObject("resume").put("intent", r.intentId()).put("slot", r.slotValue())
        .put("step", r.step()));
    o.put("staffAt", state.staffCalledAt());
    o.put("slotAsks", state.slotAsks());
    o.put("feedbackAsked", state.feedbackAsked());
    o.put("lastReply", state.lastReply());
    // Added without a new version: an older bot ignores them, a value without them reads as unknown (0).
    o.put("startedAt", state.startedAt());
    o.put("trouble", state.troubleStep());
    o.put("language", state.language());
    return o.toString();
  }

  /** The state, or empty when there is none, its version is not ours, or it does not parse. */
  static Optional<ConversationState> read(String json) {
    if (json == null) {
      return Optional.empty();
    }
    try {
      JsonNode o = JSON.readTree(json);
      if (o == null || o.path("v").asInt(-1) != VERSION) {
        return Optional.empty();
      }
      List<Choice> offered = new ArrayList<>();
      for (JsonNode c : o.path("offered")) {
        offered.add(new Choice(text(c, "id"), text(c, "label"), Choice.Style.valueOf(text(c, "style"))));
      }
      JsonNode r = o.path("resume");
      Optional<ConversationState.Resume> resume = r.isObject()
          ? Optional.of(new ConversationState.Resume(text(r, "intent"), text(r, "slot"), r.path("step").asInt()))
          : Optional.empty();
      return Optional.of(new ConversationState(ConversationState.Phase.valueOf(text(o, "phase")), text(o, "intent"),
          text(o, "slot"), o.path("step").asInt(), offered, resume, o.path("staffAt").asLong(), o.path("slotAsks").asInt(),
          o.path("feedbackAsked").asBoolean(false), o.path("lastReply").asInt(0), o.path("startedAt").asLong(0),
          o.path("trouble").asInt(0), o.path("language").asText("")));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("missing " + field);
    }
    return value.asText();
  }
}
