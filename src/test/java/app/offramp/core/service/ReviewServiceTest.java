package app.offramp.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import app.offramp.TestPaths;
import app.offramp.adapter.embedding.MiniLmSentenceEncoder;
import app.offramp.core.conversation.ConversationEngine;
import app.offramp.core.eval.LabelledDataReader;
import app.offramp.core.intent.IntentCatalog;
import app.offramp.core.intent.IntentLoader;
import app.offramp.core.learn.LearnedFile;
import app.offramp.core.learn.Teacher;
import app.offramp.core.learn.TeachingGuard;
import app.offramp.core.match.IntentMatcher;
import app.offramp.core.match.MatchThresholds;
import app.offramp.core.port.in.Review;
import app.offramp.core.port.out.LessonBroadcast;
import app.offramp.core.port.out.MissLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /offramp review's rules on the real intents and matcher, the insights as a list in memory. */
class ReviewServiceTest {
  @TempDir
  Path dir;

  private final AtomicReference<ConversationEngine> engine = new AtomicReference<>();
  private final List<MissLog.Miss> misses = new ArrayList<>();
  private final Map<String, String> decided = new ConcurrentHashMap<>();
  private MissLog.Availability availability = MissLog.Availability.READY;
  private ReviewService review;

  private final MissLog log = new MissLog() {
    @Override
    public Availability availability() {
      return availability;
    }

    @Override
    public List<Miss> unreviewed(int limit) {
      return misses.stream().filter(m -> !decided.containsKey(m.text())).limit(limit).toList();
    }

    @Override
    public void reviewed(Collection<String> texts, String decision, String staffId) {
      texts.forEach(t -> decided.put(t, decision + " by " + staffId));
    }

    @Override
    public String staffHash(String staffId) {
      return "hash-of-" + staffId;
    }
  };

  @BeforeEach
  void setUp() throws Exception {
    TestPaths.copyOfIntents(dir);
    IntentLoader loader = new IntentLoader();
    Teacher.Engines engines = learned -> {
      IntentCatalog catalog = loader.load(dir, learned);
      return new ConversationEngine(catalog, new IntentMatcher(catalog, MatchThresholds.DEFAULT,
          MiniLmSentenceEncoder.shared()));
    };
    engine.set(engines.build(Optional.empty()));
    Teacher teacher = new Teacher(new LearnedFile(dir, loader), engines, engine::get, engine::set,
        new TeachingGuard(new LabelledDataReader().read(dir.resolve("labelled.jsonl")), 0.02, 0.05),
        LessonBroadcast.NONE, java.time.Clock.systemUTC());
    review = new ReviewService(log, teacher, engine::get);
  }

  private void asked(String member, String... texts) {
    for (String t : texts) {
      misses.add(new MissLog.Miss(t, member, false));
    }
  }

  @Test
  void theLargestGroupComesFirstWithCountsSamplesNearestTopicsAndAMenu() {
    asked("m1", "how do i stop the amazon tunes from billing me every month");
    asked("m2", "how do i stop amazon tunes billing me each month", "how do i stop the amazon tunes billing me monthly");
    asked("m3", "who is up for a round of valorant tonight");
    Review.View view = review.next("en", t -> "«" + t + "»");
    assertThat(view.text()).contains("asked 3 times by 2 members", "«how do i stop the amazon tunes from billing me",
        "2 groups to review").contains("Nearest topics: ");
    assertThat(view.text()).doesNotContain("valorant");
    assertThat(view.options()).extracting(Review.Option::value).contains("cancel", "penalty", Review.NONE, Review.SKIP)
        .hasSizeLessThanOrEqualTo(25);
    assertThat(view.token()).isPresent();
  }

  @Test
  void aChoiceTeachesTheGroupMarksItReviewedAndShowsTheNext() {
    asked("m1", "how do i stop the amazon tunes from billing me every month",
        "make the amazon music charge go away for good");
    asked("m2", "who is up for a round of valorant tonight");
    Review.View first = review.next("en", t -> t);
    String token = first.token().orElseThrow();
    Review.View after = review.choose(token, "cancel", "staff-1", "en", t -> t);
    assertThat(after.text()).startsWith("Learned: ").contains("**Cancel", "lesson 1", "offramp learned --undo 1",
        "\"how do i stop the amazon tunes from billing me every month\" → Cancel");
    assertThat(decided).containsEntry("make the amazon music charge go away for good", "cancel by staff-1");
    assertThat(after.text()).as("then the next group").contains("who is up for a round of valorant tonight");
    assertThat(review.choose(token, "cancel", "staff-2", "en", t -> t).text()).as("a menu already used")
        .startsWith("That menu is no longer current");
  }

  @Test
  void aHarmfulChoiceIsRefusedWithTheFiguresAndTheSameGroupShownAgain() {
    asked("m1", "who is up for a round of valorant tonight", "rate my new desk setup pls",
        "that meme in general had me crying lmao");
    Review.View first = review.next("en", t -> t);
    Review.View refused = review.choose(first.token().orElseThrow(), "cancel", "staff-1", "en", t -> t);
    assertThat(refused.text()).startsWith("Not learned, nothing was written").contains(" % → ", "Pick another topic");
    assertThat(refused.token()).as("the same group, to choose again").isPresent();
    assertThat(decided).isEmpty();
    assertThat(dir.resolve("learned.yaml")).doesNotExist();
    assertThat(review.choose(refused.token().orElseThrow(), Review.NONE, "staff-1", "en", t -> t).text())
        .startsWith("Learned: ");
  }

  @Test
  void skipMarksTheGroupWithoutTeachingAndNothingLeftSaysSo() {
    asked("m1", "who is up for a round of valorant tonight");
    Review.View first = review.next("en", t -> t);
    Review.View after = review.choose(first.token().orElseThrow(), Review.SKIP, "staff-1", "en", t -> t);
    assertThat(after.text()).startsWith("Skipped").contains("Nothing to review");
    assertThat(after.options()).isEmpty();
    assertThat(decided).containsEntry("who is up for a round of valorant tonight", "skip by staff-1");
    assertThat(dir.resolve("learned.yaml")).doesNotExist();
  }

  @Test
  void withoutInsightsOrTheirTextItSaysWhy() {
    availability = MissLog.Availability.NO_TEXT;
    assertThat(review.next("en", t -> t).text()).contains("insights.store-text=false");
    availability = MissLog.Availability.OFF;
    assertThat(review.next("en", t -> t).text()).contains("insights.enabled=false");
    availability = MissLog.Availability.OPENING;
    assertThat(review.next("es", t -> t).text()).contains("/offramp review").contains("segundos");
  }
}
