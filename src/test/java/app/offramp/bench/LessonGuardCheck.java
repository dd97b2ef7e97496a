package app.offramp.bench;

import app.offramp.TestPaths;
import app.offramp.core.conversation.ConversationEngine;
import app.offramp.core.eval.Evaluator;
import app.offramp.core.eval.LabelledDataReader;
import app.offramp.core.intent.IntentCatalog;
import app.offramp.core.intent.IntentLoader;
import app.offramp.core.learn.LearnedFile;
import app.offramp.core.learn.Taught;
import app.offramp.core.learn.Teacher;
import app.offramp.core.learn.TeachingGuard;
import app.offramp.core.match.IntentMatcher;
import app.offramp.core.match.MatchThresholds;
import app.offramp.core.port.out.LessonBroadcast;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Measures the lesson guard ({@code /offramp review}) on groups of missed questions written by
 * someone who never read the intents (JSON Lines: {@code {"questions": [...], "right": id, "wrong": id}}):
 * for each group, on a fresh copy of the intents, how many of its questions the bot already
 * answered right, whether teaching it the right topic is kept (and then answers them right), and
 * whether teaching it the wrong one is refused. Run:
 * {@code java -cp target/offramp.jar:target/test-classes app.offramp.bench.LessonGuardCheck FILE}.
 */
public final class LessonGuardCheck {
  public static void main(String[] args) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> groups = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      if (!line.isBlank()) {
        groups.add(json.readTree(line));
      }
    }
    Path dir = Files.createTempDirectory("lesson-guard");
    TestPaths.copyOfIntents(dir);
    IntentLoader loader = new IntentLoader();
    Teacher.Engines engines = learned -> {
      IntentCatalog catalog = loader.load(dir, learned);
      return new ConversationEngine(catalog, new IntentMatcher(catalog, MatchThresholds.DEFAULT,
          app.offramp.adapter.embedding.MiniLmSentenceEncoder.shared()));
    };
    ConversationEngine base = engines.build(Optional.empty());
    // The bot's defaults (config.example.properties), or -Dmax-drop / -Dmax-near-drop to try others.
    double maxDrop = Double.parseDouble(System.getProperty("max-drop", "0.02"));
    double maxNearDrop = Double.parseDouble(System.getProperty("max-near-drop", "0.05"));
    TeachingGuard guard = new TeachingGuard(new LabelledDataReader().read(dir.resolve("labelled.jsonl")), maxDrop,
        maxNearDrop);
    int questions = 0;
    int rightBefore = 0;
    int kept = 0;
    int rightAfter = 0;
    int refused = 0;
    for (JsonNode g : groups) {
      List<String> texts = new ArrayList<>();
      g.path("questions").forEach(q -> texts.add(q.asText()));
      String right = g.path("right").asText();
      String wrong = g.path("wrong").asText();
      questions += texts.size();
      int before = (int) texts.stream().filter(t -> Evaluator.predictedIntent(base.matcher().match(t)).equals(right)).count();
      rightBefore += before;
      Taught good = teach(dir, loader, engines, base, guard, texts, right);
      boolean keptIt = good.kind() == Taught.Kind.LEARNED || good.kind() == Taught.Kind.NOTHING_NEW;
      kept += keptIt ? 1 : 0;
      int after = keptIt ? (int) good.answers().stream().filter(a -> a.intent().equals(right)).count() : before;
      if (good.kind() == Taught.Kind.NOTHING_NEW) {
        after = before;
      }
      rightAfter += after;
      Taught bad = teach(dir, loader, engines, base, guard, texts, wrong);
      refused += bad.kind() == Taught.Kind.HARMFUL ? 1 : 0;
      System.out.printf("%-18s right %d/%d -> %s %d/%d | wrong %-18s -> %s | %s%n", right, before, texts.size(),
          good.kind(), after, texts.size(), wrong, bad.kind(), texts.get(0));
      if (args.length > 1) {
        System.out.println("    right: " + good.figures().map(Object::toString).orElse("-"));
        System.out.println("    wrong: " + bad.figures().map(Object::toString).orElse("-"));
      }
    }
    System.out.printf("%nmax-drop %.3f, max-near-drop %.3f%n", maxDrop, maxNearDrop);
    System.out.printf("groups %d, questions %d: answered right before %d (%.3f); right lesson kept %d/%d, then right %d "
        + "(%.3f); wrong lesson refused %d/%d%n", groups.size(), questions, rightBefore, (double) rightBefore / questions,
        kept, groups.size(), rightAfter, (double) rightAfter / questions, refused, groups.size());
  }

  private static Taught teach(Path dir, IntentLoader loader, Teacher.Engines engines, ConversationEngine base,
      TeachingGuard guard, List<String> texts, String intent) throws Exception {
    Files.deleteIfExists(dir.resolve("learned.yaml"));
    ConversationEngine[] current = {base};
    Teacher teacher = new Teacher(new LearnedFile(dir, loader), engines, () -> current[0], e -> current[0] = e, guard,
        LessonBroadcast.NONE, java.time.Clock.systemUTC());
    return teacher.teach(texts, intent, "check");
  }
}
