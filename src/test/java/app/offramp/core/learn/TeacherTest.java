package app.offramp.core.learn;

import static org.assertj.core.api.Assertions.assertThat;

import app.offramp.TestPaths;
import app.offramp.adapter.embedding.MiniLmSentenceEncoder;
import app.offramp.core.conversation.ConversationEngine;
import app.offramp.core.eval.Evaluator;
import app.offramp.core.eval.LabelledDataReader;
import app.offramp.core.intent.IntentCatalog;
import app.offramp.core.intent.IntentLoader;
import app.offramp.core.intent.LearnedExamples;
import app.offramp.core.match.IntentMatcher;
import app.offramp.core.match.MatchThresholds;
import app.offramp.core.port.out.LessonBroadcast;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The teacher on a copy of the project's intents, with the real matcher and the real labelled set. */
class TeacherTest {
  /** Members' chatter: the matcher is sure it is not a support question. */
  static final List<String> CHATTER = List.of("who is up for a round of valorant tonight",
      "that meme in general had me crying lmao", "rate my new desk setup pls");
  /** A cancel question in words the intents do not use, two ways: not understood, or taken for support. */
  static final List<String> CANCEL = List.of("i cant find where to end this thing in the app settings",
      "cant find where to end this thing in the app");

  @TempDir
  Path dir;

  private final IntentLoader loader = new IntentLoader();
  private final AtomicReference<ConversationEngine> current = new AtomicReference<>();
  private final List<String> published = new CopyOnWriteArrayList<>();
  private Teacher teacher;

  @BeforeEach
  void copyTheProjectsIntents() throws Exception {
    TestPaths.copyOfIntents(dir);
    current.set(engines().build(Optional.empty()));
    teacher = teacher(current::set);
  }

  private Teacher.Engines engines() {
    return learned -> {
      IntentCatalog catalog = loader.load(dir, learned);
      return new ConversationEngine(catalog, new IntentMatcher(catalog, MatchThresholds.DEFAULT,
          MiniLmSentenceEncoder.shared()));
    };
  }

  private Teacher teacher(Consumer<ConversationEngine> swap) throws Exception {
    LessonBroadcast peers = new LessonBroadcast() {
      @Override
      public void publish(String learnedYaml) {
        published.add(learnedYaml);
      }

      @Override
      public void listen(Consumer<String> onLesson) {}

      @Override
      public void close() {}
    };
    return new Teacher(new LearnedFile(dir, loader), engines(), current::get, swap,
        new TeachingGuard(new LabelledDataReader().read(dir.resolve("labelled.jsonl")), 0.02, 0.05), peers,
        java.time.Clock.systemUTC());
  }

  private String answer(String text) {
    return Evaluator.predictedIntent(current.get().matcher().match(text));
  }

  @Test
  void aLessonIsWrittenSwappedInAndToldToTheOtherProcesses() throws Exception {
    String question = CANCEL.get(0);
    assertThat(answer(question)).as("missed before the lesson").isNotEqualTo("cancel");
    Taught taught = teacher.teach(CANCEL, "cancel", "staff-hash");
    assertThat(taught.kind()).isEqualTo(Taught.Kind.LEARNED);
    assertThat(taught.lesson().orElseThrow().examples()).containsExactlyElementsOf(CANCEL);
    assertThat(answer(question)).as("the engine in use now answers it").isEqualTo("cancel");
    assertThat(taught.answers()).allSatisfy(a -> assertThat(a.intent()).isEqualTo("cancel"));
    LearnedExamples onDisk = loader.learned(dir);
    assertThat(onDisk.lessons()).singleElement().satisfies(l -> {
      assertThat(l.intent()).isEqualTo("cancel");
      assertThat(l.by()).isEqualTo("staff-hash");
    });
    assertThat(published).containsExactly(Files.readString(dir.resolve("learned.yaml")));
  }

  @Test
  void chatterTaughtAsATopicIsRefusedWithFiguresAndNothingIsWritten() throws Exception {
    ConversationEngine before = current.get();
    Taught taught = teacher.teach(CHATTER, "cancel", "staff-hash");
    assertThat(taught.kind()).isEqualTo(Taught.Kind.HARMFUL);
    GuardFigures f = taught.figures().orElseThrow();
    assertThat(f.harmful()).isTrue();
    assertThat(f.lesson().of()).as("the sets say these are not ours").isPositive();
    assertThat(f.lesson().after()).isLessThan(f.lesson().before());
    assertThat(dir.resolve("learned.yaml")).doesNotExist();
    assertThat(current.get()).isSameAs(before);
    assertThat(published).isEmpty();
  }

  @Test
  void aLessonTheFilesRefuseIsNotWritten() throws Exception {
    Taught taught = teacher.teach(CANCEL, "refunds", "staff-hash");
    assertThat(taught.kind()).isEqualTo(Taught.Kind.INVALID);
    assertThat(taught.problems()).singleElement().asString().contains("names intent 'refunds'");
    assertThat(dir.resolve("learned.yaml")).doesNotExist();
  }

  @Test
  void questionsThatAreExamplesAlreadyAddNothing() throws Exception {
    String example = current.get().catalog().intents().stream().filter(i -> i.id().equals("penalty")).findFirst()
        .orElseThrow().examples().get(0);
    Taught taught = teacher.teach(List.of(example, example.toUpperCase()), "penalty", "staff-hash");
    assertThat(taught.kind()).isEqualTo(Taught.Kind.NOTHING_NEW);
    assertThat(taught.alreadyKnown()).isEqualTo(2);
  }

  @Test
  void twoStaffTeachingAtOnceBothKeepTheirLesson() throws Exception {
    CompletableFuture<Taught> first = CompletableFuture.supplyAsync(() -> teachQuietly(CANCEL.subList(0, 2), "cancel"));
    CompletableFuture<Taught> second = CompletableFuture.supplyAsync(() -> teachQuietly(
        List.of("anyone know a good pizza place downtown", "what pizza toppings do you all like"), "none"));
    assertThat(first.get().kind()).isEqualTo(Taught.Kind.LEARNED);
    assertThat(second.get().kind()).isEqualTo(Taught.Kind.LEARNED);
    assertThat(loader.learned(dir).lessons()).extracting(LearnedExamples.Lesson::intent)
        .containsExactlyInAnyOrder("cancel", "none");
    assertThat(loader.learned(dir).lessons()).extracting(LearnedExamples.Lesson::id).containsExactlyInAnyOrder(1, 2);
  }

  private Taught teachQuietly(List<String> questions, String intent) {
    try {
      return teacher.teach(questions, intent, "staff-hash");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void anUndoOnDiskIsAppliedAndAnUnchangedFileIsNot() throws Exception {
    teacher.teach(CANCEL, "cancel", "staff-hash");
    List<ConversationEngine> swapped = new ArrayList<>();
    Teacher watching = teacher(e -> {
      swapped.add(e);
      current.set(e);
    });
    watching.fileChanged();
    assertThat(swapped).as("the text in use: nothing to do").isEmpty();
    LearnedExamples learned = loader.learned(dir);
    new LearnedFile(dir, loader).write(learned.without(learned.matching("all")));
    watching.fileChanged();
    assertThat(swapped).hasSize(1);
    assertThat(answer(CANCEL.get(0))).as("the lesson is gone").isNotEqualTo("cancel");
    assertThat(published).last().asString().contains("lessons: []");
  }

  @Test
  void anotherProcesssLessonIsWrittenHereAndSwappedIn() throws Exception {
    LearnedExamples theirs = new LearnedExamples(List.of(new LearnedExamples.Lesson(1, "cancel",
        java.time.Instant.parse("2026-12-04T10:00:00Z"), "other-hash", CANCEL)));
    teacher.fromPeer(theirs.toYaml());
    assertThat(Files.readString(dir.resolve("learned.yaml"))).isEqualTo(theirs.toYaml());
    assertThat(answer(CANCEL.get(0))).isEqualTo("cancel");
    assertThat(published).as("not sent back").isEmpty();
  }
}
