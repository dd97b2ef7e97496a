package app.offramp.core.conversation;

import java.util.Map;

/** What a member did: typed a message, picked a choice, or ran a command. */
public sealed interface Input {
  /** A typed message. */
  record Text(String text) implements Input {
    public Text {
      text = text == null ? "" : text;
    }
  }

  /** A picked choice: a button, a select option or a typed number resolved by the front. */
  record Pick(String choiceId) implements Input {
    public Pick {
      choiceId = choiceId == null ? "" : choiceId;
    }
  }

  /** A command naming an intent directly, with options such as platform=mobile. */
  record Command(String intentId, Map<String, String> options) implements Input {
    public Command {
      intentId = intentId == null ? "" : intentId;
      options = options == null ? Map.of() : Map.copyOf(options);
    }
  }
}
