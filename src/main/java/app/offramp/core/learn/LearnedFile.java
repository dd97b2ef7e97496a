package app.offramp.core.learn;

import app.offramp.core.intent.IntentLoadException;
import app.offramp.core.intent.IntentLoader;
import app.offramp.core.intent.LearnedExamples;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code learned.yaml} on disk: read, and replaced whole (a temporary file moved over it, so a
 * reader never sees half a file), under a lock every writer takes, the bot's processes sharing
 * the directory and {@code offramp learned --undo} alike: a read-change-write never loses
 * another's lesson.
 */
public final class LearnedFile {
  /** One lock per file in this JVM: a file lock is held by the process, not the thread. */
  private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private final Path dir;
  private final IntentLoader loader;

  public LearnedFile(Path dir, IntentLoader loader) {
    this.dir = dir;
    this.loader = loader;
  }

  IntentLoader loader() {
    return loader;
  }

  public Path path() {
    return dir.resolve(LearnedExamples.FILE_NAME);
  }

  /** The lessons on disk; none when there is no file. */
  public LearnedExamples read() throws IOException, IntentLoadException {
    return loader.learned(dir);
  }

  /** The file's text, empty when there is none. */
  public String text() throws IOException {
    return Files.isRegularFile(path()) ? Files.readString(path(), StandardCharsets.UTF_8) : "";
  }

  public void write(LearnedExamples learned) throws IOException {
    write(learned.toYaml());
  }

  public void write(String yaml) throws IOException {
    Path tmp = Files.createTempFile(dir, ".learned-", ".tmp");
    try {
      Files.writeString(tmp, yaml, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, path(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, path(), StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Something done with the file held by this caller alone. */
  @FunctionalInterface
  public interface Locked<T> {
    T run() throws Exception;
  }

  /** Runs {@code work} holding the file's lock: this JVM's threads, then other processes, wait their turn. */
  public <T> T locked(Locked<T> work) throws Exception {
    ReentrantLock lock = LOCKS.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> new ReentrantLock());
    lock.lock();
    try (FileChannel channel = FileChannel.open(dir.resolve(".learned.lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE); FileLock held = channel.lock()) {
      return work.run();
    } finally {
      lock.unlock();
    }
  }
}
