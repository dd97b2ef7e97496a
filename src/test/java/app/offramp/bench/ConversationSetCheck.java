package app.offramp.bench;

import app.offramp.TestPaths;
import app.offramp.core.conversation.Choice;
import app.offramp.core.conversation.ConversationEngine;
import app.offramp.core.conversation.ConversationKey;
import app.offramp.core.conversation.ConversationState;
import app.offramp.core.conversation.Input;
import app.offramp.core.conversation.Reply;
import app.offramp.core.conversation.Turn;
import app.offramp.core.intent.IntentCatalog;
import app.offramp.core.intent.IntentLoader;
import app.offramp.core.match.IntentMatcher;
import app.offramp.core.match.MatchThresholds;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Plays whole conversations (JSON Lines: {@code {"id", "where": "dm"|"thread", "turns": [{"say"|"press",
 * "expect": {...}}]}}) through the real engine and intents, and checks each reply against what the
 * conversation's writer expected: the topic ({@code topic}: an intent id, "none", "smalltalk", "notopic"
 * (either) or "staff"), the {@code platform} and {@code step} shown, whether a walk-through is still in hand
 * ({@code walkthrough}: "kept" or "ended"), and {@code not_repeat}. Notes are printed for a person
 * to judge. Run: {@code java -cp target/offramp.jar:target/test-classes app.offramp.bench.ConversationSetCheck FILE [--all]}.
 */
public final class ConversationSetCheck {
  public static void main(String[] args) throws Exception {
    boolean all = List.of(args).contains("--all");
    IntentCatalog catalog = new IntentLoader().load(TestPaths.INTENTS);
    ConversationEngine engine = new ConversationEngine(catalog, new IntentMatcher(catalog, MatchThresholds.DEFAULT,
        app.offramp.adapter.embedding.MiniLmSentenceEncoder.shared()));
    ObjectMapper json = new ObjectMapper();
    Map<String, int[]> byKey = new TreeMap<>();
    int conversations = 0;
    int conversationsPassed = 0;
    int turns = 0;
    int turnsPassed = 0;
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode c = json.readTree(line);
      ConversationKey.Where where = "thread".equals(c.path("where").asText()) ? ConversationKey.Where.THREAD
          : ConversationKey.Where.DM;
      ConversationState state = null;
      String previous = null;
      boolean conversationOk = true;
      StringBuilder log = new StringBuilder();
      for (JsonNode t : c.path("turns")) {
        Input input;
        String shown;
        if (t.has("press")) {
          String label = t.get("press").asText();
          Optional<Choice> choice = state == null ? Optional.empty()
              : state.offered().stream().filter(ch -> ch.label().equalsIgnoreCase(label)).findFirst();
          input = new Input.Pick(choice.map(Choice::id).orElse("missing:" + label));
          shown = "[" + label + "]" + (choice.isEmpty() ? " (not offered)" : "");
        } else {
          input = new Input.Text(t.path("say").asText());
          shown = t.path("say").asText();
        }
        Turn turn = Plays.turn(engine, state, input, where);
        state = turn.state();
        Reply reply = turn.reply();
        List<String> failed = new ArrayList<>();
        String before = previous;
        t.path("expect").fields().forEachRemaining(e -> {
          if (e.getKey().equals("note")) {
            return;
          }
          boolean ok = check(e.getKey(), e.getValue(), reply, turn.state(), before);
          byKey.computeIfAbsent(e.getKey(), k -> new int[2])[ok ? 0 : 1]++;
          if (!ok) {
            failed.add(e.getKey() + "=" + e.getValue());
          }
        });
        turns++;
        if (failed.isEmpty()) {
          turnsPassed++;
        } else {
          conversationOk = false;
        }
        log.append(String.format(Locale.ROOT, "  %s %s%n    -> %s%s%n", failed.isEmpty() ? "ok  " : "FAIL", shown,
            summary(reply, turn.state()), failed.isEmpty() ? "" : "\n    expected " + failed
            + (t.path("expect").has("note") ? "; note: " + t.path("expect").path("note").asText() : "")));
        previous = reply.text();
      }
      conversations++;
      if (conversationOk) {
        conversationsPassed++;
      }
      if (!conversationOk || all) {
        System.out.println(c.path("id").asText() + " (" + where + ")" + (conversationOk ? " passed" : " failed"));
        System.out.print(log);
      }
    }
    System.out.printf(Locale.ROOT, "%nconversations passed: %d of %d; turns passed: %d of %d (%.3f)%n", conversationsPassed,
        conversations, turnsPassed, turns, (double) turnsPassed / turns);
    byKey.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-12s %d of %d%n", k, v[0], v[0] + v[1]));
    System.exit(0);
  }

  private static boolean check(String key, JsonNode want, Reply reply, ConversationState after, String previous) {
    return switch (key) {
      case "topic" -> switch (want.asText()) {
        case "none" -> reply.kind() == Reply.Kind.NO_MATCH;
        // No topic at all, whether not understood or a courtesy (sets whose writers did not tell them apart).
        case "notopic" -> reply.kind() == Reply.Kind.NO_MATCH || reply.kind() == Reply.Kind.SMALL_TALK;
        case "smalltalk" -> reply.kind() == Reply.Kind.SMALL_TALK;
        case "staff" -> reply.callStaff() || reply.intentId().filter(IntentCatalog.HUMAN_ID::equals).isPresent();
        default -> reply.intentId().filter(want.asText()::equals).isPresent();
      };
      case "platform" -> after != null && (after.slotValue().equals(want.asText())
          || after.resume().filter(r -> r.slotValue().equals(want.asText())).isPresent());
      case "step" -> reply.progress().filter(p -> p.step() == want.asInt()).isPresent();
      case "walkthrough" -> (after != null && after.inProgress()) == want.asText().equals("kept");
      case "not_repeat" -> !reply.text().equals(previous);
      default -> true;
    };
  }

  private static String summary(Reply reply, ConversationState after) {
    String text = reply.text().replace('\n', ' ');
    return reply.kind() + " " + reply.intentId().orElse("-") + (after == null ? "" : " [" + after.phase() + " "
        + after.intentId() + " " + after.slotValue() + " " + after.step() + (after.resume().isPresent() ? " resume" : "")
        + "] ") + (text.length() > 150 ? text.substring(0, 150) + "…" : text);
  }

  /** One turn; the place is passed where the engine takes it. */
  private static final class Plays {
    static Turn turn(ConversationEngine engine, ConversationState state, Input input, ConversationKey.Where where) {
      return engine.handle(state, input, where);
    }
  }
}
