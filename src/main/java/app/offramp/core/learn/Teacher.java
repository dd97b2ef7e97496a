package app.offramp.core.learn;

import app.offramp.core.conversation.ConversationEngine;
import app.offramp.core.eval.Evaluator;
import app.offramp.core.intent.IntentLoadException;
import app.offramp.core.intent.LearnedExamples;
import app.offramp.core.intent.Problem;
import app.offramp.core.match.MatchResult;
import app.offramp.core.port.out.LessonBroadcast;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Teaches the running bot from its misses: a group of questions becomes a lesson (examples of one
 * intent, or of {@code none}) that is checked with every intent file, measured by the guard,
 * written to {@code learned.yaml}, and swapped in as a reload swaps new intents in. Also applies
 * lessons that arrive another way: the file changed on disk ({@code offramp learned --undo}, a
 * checkout) or another process of the bot published its file. One lesson at a time.
 */
public final class Teacher {
  private static final Logger LOG = LoggerFactory.getLogger(Teacher.class);
  /** The longest question kept as an example: the intent files' own limit. */
  static final int MAX_EXAMPLE = 300;

  /** Builds an engine from the intent files, with these lessons in place of the file's (empty: the file's). */
  @FunctionalInterface
  public interface Engines {
    ConversationEngine build(Optional<LearnedExamples> learned) throws IOException, IntentLoadException;
  }

  private final LearnedFile file;
  private final Engines engines;
  private final Supplier<ConversationEngine> current;
  private final Consumer<ConversationEngine> swap;
  private final TeachingGuard guard;
  private final LessonBroadcast peers;
  private final Clock clock;
  /** The learned file's text the engine in use was built with: a change to anything else is news. */
  private String applied;

  public Teacher(LearnedFile file, Engines engines, Supplier<ConversationEngine> current,
      Consumer<ConversationEngine> swap, TeachingGuard guard, LessonBroadcast peers, Clock clock) throws IOException {
    this.file = file;
    this.engines = engines;
    this.current = current;
    this.swap = swap;
    this.guard = guard;
    this.peers = peers;
    this.clock = clock;
    this.applied = file.text();
  }

  /**
   * Makes {@code questions} examples of {@code intent} ("none": not a support question), unless the
   * files then fail to load or the guard finds the lesson harmful.
   *
   * @param staff who taught it, as a salted hash
   */
  public Taught teach(List<String> questions, String intent, String staff) throws Exception {
    return file.locked(() -> {
      LearnedExamples onDisk = file.read();
      ConversationEngine before = current.get();
      Set<String> known = new HashSet<>();
      before.catalog().intents().forEach(i -> i.examples().forEach(e -> known.add(key(e))));
      before.catalog().outOfScopeExamples().forEach(e -> known.add(key(e)));
      onDisk.lessons().forEach(l -> l.examples().forEach(e -> known.add(key(e))));
      List<String> fresh = new ArrayList<>();
      int already = 0;
      for (String q : questions) {
        String text = q.strip();
        if (text.isEmpty() || text.length() > MAX_EXAMPLE) {
          continue;
        }
        if (!known.add(key(text))) {
          already++;
          continue;
        }
        fresh.add(text);
      }
      if (fresh.isEmpty()) {
        return new Taught(Taught.Kind.NOTHING_NEW, Optional.empty(), already, Optional.empty(), List.of(), List.of());
      }
      LearnedExamples.Lesson lesson = new LearnedExamples.Lesson(onDisk.nextId(), intent, clock.instant(), staff, fresh);
      LearnedExamples next = onDisk.with(lesson);
      ConversationEngine after;
      try {
        after = engines.build(Optional.of(next));
      } catch (IntentLoadException e) {
        return new Taught(Taught.Kind.INVALID, Optional.of(lesson), already, Optional.empty(),
            e.problems().stream().map(Problem::toString).toList(), List.of());
      }
      GuardFigures figures = guard.measure(before, after, fresh);
      if (figures.harmful()) {
        LOG.info("lesson refused by the guard: {} questions as '{}': {}", fresh.size(), intent, figures);
        return new Taught(Taught.Kind.HARMFUL, Optional.of(lesson), already, Optional.of(figures), List.of(), List.of());
      }
      String yaml = next.toYaml();
      file.write(yaml);
      applied = yaml;
      swap.accept(after);
      LOG.info("learned lesson {}: {} examples of '{}' ({})", lesson.id(), fresh.size(), intent, figures);
      publish(yaml);
      List<Taught.Answer> answers = new ArrayList<>();
      for (String q : questions.stream().map(String::strip).distinct().toList()) {
        MatchResult r = after.matcher().match(q);
        answers.add(new Taught.Answer(q, Evaluator.predictedIntent(r), r.confidence()));
      }
      return new Taught(Taught.Kind.LEARNED, Optional.of(lesson), already, Optional.of(figures), List.of(), answers);
    });
  }

  /**
   * The learned file changed on disk: when its text is not the one in use, the intents are read
   * again and swapped in, and the other processes told. A file that does not load is logged, and
   * the intents in use stay.
   */
  public void fileChanged() {
    try {
      file.locked(() -> {
        String text = file.text();
        if (text.equals(applied)) {
          return null;
        }
        try {
          swap.accept(engines.build(Optional.empty()));
          applied = text;
          LOG.info("{} changed on disk: intents reloaded with {} lessons", file.path().getFileName(),
              file.read().lessons().size());
          publish(text);
        } catch (IntentLoadException e) {
          applied = text; // logged once, not on every event for the same text
          LOG.warn("{} changed on disk but does not load; the intents in use stay: {}", file.path().getFileName(),
              e.problems().get(0));
        }
        return null;
      });
    } catch (Exception e) {
      LOG.warn("could not read {}: {}", file.path(), e.toString());
    }
  }

  /** Another process published its learned file: checked here, written, swapped in. */
  public void fromPeer(String yaml) {
    try {
      file.locked(() -> {
        if (yaml.equals(applied)) {
          return null;
        }
        try {
          LearnedExamples learned = file.loader().learned(file.path().toString(), yaml.getBytes(StandardCharsets.UTF_8));
          ConversationEngine after = engines.build(Optional.of(learned));
          file.write(yaml);
          applied = yaml;
          swap.accept(after);
          LOG.info("lessons from another process: {} lessons in use", learned.lessons().size());
        } catch (IntentLoadException e) {
          LOG.warn("lessons from another process do not load here; the intents in use stay: {}", e.problems().get(0));
        }
        return null;
      });
    } catch (Exception e) {
      LOG.warn("could not apply lessons from another process: {}", e.toString());
    }
  }

  private void publish(String yaml) {
    try {
      peers.publish(yaml);
    } catch (RuntimeException e) {
      LOG.warn("could not tell the other processes of the lesson: {}", e.toString());
    }
  }

  private static String key(String text) {
    return LearnedExamples.key(text);
  }
}
