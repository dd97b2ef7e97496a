package app.offramp.core.learn;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the intents directory for a change to {@code learned.yaml} made outside the bot
 * ({@code offramp learned --undo}, a checkout, an edit) and tells the {@link Teacher}, which
 * applies it when the text differs from the one in use: an undo takes effect without a restart.
 */
public final class LearnedFileWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LearnedFileWatch.class);
  private final WatchService watcher;
  private final Thread thread;

  public LearnedFileWatch(Path dir, String fileName, Runnable changed) throws IOException {
    this.watcher = dir.getFileSystem().newWatchService();
    dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
        StandardWatchEventKinds.ENTRY_DELETE);
    this.thread = new Thread(() -> {
      try {
        while (true) {
          WatchKey key = watcher.take();
          boolean ours = false;
          for (WatchEvent<?> event : key.pollEvents()) {
            ours |= event.kind() == StandardWatchEventKinds.OVERFLOW
                || event.context() instanceof Path p && p.getFileName().toString().equals(fileName);
          }
          if (ours) {
            changed.run();
          }
          if (!key.reset()) {
            LOG.warn("{} can no longer be watched; a change to {} needs /offramp reload", dir, fileName);
            return;
          }
        }
      } catch (InterruptedException | ClosedWatchServiceException e) {
        // closing
      }
    }, "offramp-learned-watch");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() throws IOException {
    watcher.close();
  }
}
