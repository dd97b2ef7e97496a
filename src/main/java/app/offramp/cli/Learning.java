package app.offramp.cli;

import app.offramp.adapter.insights.InsightsMisses;
import app.offramp.adapter.insights.InsightsRecorder;
import app.offramp.adapter.store.RedisLessonBroadcast;
import app.offramp.config.Settings;
import app.offramp.core.eval.LabelledDataReader;
import app.offramp.core.eval.LabelledQuestion;
import app.offramp.core.intent.IntentLoader;
import app.offramp.core.intent.LearnedExamples;
import app.offramp.core.learn.LearnedFile;
import app.offramp.core.learn.LearnedFileWatch;
import app.offramp.core.learn.Teacher;
import app.offramp.core.learn.TeachingGuard;
import app.offramp.core.port.in.Review;
import app.offramp.core.port.out.LessonBroadcast;
import app.offramp.core.port.out.MissLog;
import app.offramp.core.service.ConversationService;
import app.offramp.core.service.ReviewService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Teaching from misses, put together for {@code serve}: the review over the insights database,
 * the teacher writing {@code learned.yaml} and refitting, the guard's labelled set, the watch on
 * the file, and, with {@code conversation.store=redis}, lessons to and from the other processes.
 */
final class Learning implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Learning.class);
  private final Review review;
  private final LearnedFileWatch watch;
  private final LessonBroadcast peers;

  private Learning(Review review, LearnedFileWatch watch, LessonBroadcast peers) {
    this.review = review;
    this.watch = watch;
    this.peers = peers;
  }

  Review review() {
    return review;
  }

  /** @param insights completes with the recorder once the database is open (empty: insights off or broken) */
  static Learning start(Settings settings, ConversationService service,
      CompletableFuture<Optional<InsightsRecorder>> insights) throws IOException {
    Path dir = settings.intentsDir();
    IntentLoader loader = Core.loader(settings);
    LearnedFile file = new LearnedFile(dir, loader);
    LessonBroadcast peers = settings.get(Settings.STORE).equals("redis")
        ? new RedisLessonBroadcast(settings.get(Settings.REDIS_URL)) : LessonBroadcast.NONE;
    TeachingGuard guard = new TeachingGuard(labelled(settings), settings.decimal(Settings.REVIEW_MAX_DROP, 0, 1),
        settings.decimal(Settings.REVIEW_MAX_NEAR_DROP, 0, 1));
    Teacher teacher = new Teacher(file, learned -> Core.engine(settings, loader.load(dir, learned)), service::engine,
        service::swap, guard, peers, Clock.systemUTC());
    try {
      peers.listen(teacher::fromPeer);
    } catch (RuntimeException e) {
      LOG.warn("lessons: cannot listen for other processes' lessons on Redis ({}); a lesson taught elsewhere "
          + "takes effect here at the next start or /offramp reload", Core.firstLine(e.getMessage()));
    }
    LearnedFileWatch watch = new LearnedFileWatch(dir, LearnedExamples.FILE_NAME, teacher::fileChanged);
    String url = settings.get(Settings.INSIGHTS_URL);
    boolean enabled = settings.bool(Settings.INSIGHTS_ENABLED);
    boolean text = settings.bool(Settings.INSIGHTS_TEXT);
    MissLog misses = new InsightsMisses(url, () -> {
      if (!enabled) {
        return MissLog.Availability.OFF;
      }
      if (!text) {
        return MissLog.Availability.NO_TEXT;
      }
      if (!insights.isDone()) {
        return MissLog.Availability.OPENING;
      }
      return insights.isCompletedExceptionally() || insights.join().isEmpty() ? MissLog.Availability.OFF
          : MissLog.Availability.READY;
    }, Core.saltFile(url), Clock.systemUTC());
    return new Learning(new ReviewService(misses, teacher, service::engine), watch, peers);
  }

  /** {@code review.labelled-set}; none (the guard then measures refusals only) when the file is absent. */
  private static List<LabelledQuestion> labelled(Settings settings) {
    Path file = settings.labelledSet();
    if (!Files.isRegularFile(file)) {
      LOG.info("review: no labelled set at {}; a lesson is measured on the out-of-scope examples only", file);
      return List.of();
    }
    try {
      return new LabelledDataReader().read(file);
    } catch (IOException | LabelledDataReader.BadLineException e) {
      throw new app.offramp.config.ConfigException(Settings.REVIEW_LABELLED + ": " + file + " cannot be read ("
          + Core.firstLine(e.getMessage()) + "); expected JSON Lines of {\"text\", \"intent\"}");
    }
  }

  @Override
  public void close() throws IOException {
    watch.close();
    peers.close();
  }
}
