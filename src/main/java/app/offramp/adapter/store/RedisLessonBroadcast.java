package app.offramp.adapter.store;

import app.offramp.core.port.out.LessonBroadcast;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lessons to the bot's other processes over Redis pub/sub ({@link LessonBroadcast}), on the Redis
 * that holds their conversations: each message is the sender's id, a newline, and its whole learned
 * file. A process ignores its own messages. Pub/sub channels are not per database, so the channel
 * names the database: two bots on one Redis with their own databases do not teach each other.
 * Lettuce resubscribes after a reconnect by itself; a lesson published while a process was cut off
 * reaches it at its next start (it reads the file) or the next lesson (the whole file travels).
 */
public final class RedisLessonBroadcast implements LessonBroadcast {
  private static final Logger LOG = LoggerFactory.getLogger(RedisLessonBroadcast.class);
  private final RedisClient client;
  private final String channel;
  private final String self = UUID.randomUUID().toString();
  private final java.util.concurrent.ExecutorService applier = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "offramp-lesson-apply");
    t.setDaemon(true);
    return t;
  });
  private volatile StatefulRedisConnection<String, String> publisher;
  private volatile StatefulRedisPubSubConnection<String, String> subscriber;

  public RedisLessonBroadcast(String url) {
    RedisURI uri = RedisURI.create(url);
    uri.setTimeout(Duration.ofSeconds(5));
    this.channel = "offramp:lessons:" + uri.getDatabase();
    this.client = RedisClient.create(uri);
    client.setOptions(ClientOptions.builder().autoReconnect(true)
        .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build()).build());
  }

  @Override
  public synchronized void listen(Consumer<String> onLesson) {
    subscriber = client.connectPubSub();
    subscriber.addListener(new RedisPubSubAdapter<>() {
      @Override
      public void message(String from, String message) {
        int nl = message.indexOf('\n');
        if (!from.equals(channel) || nl < 0 || message.substring(0, nl).equals(self)) {
          return;
        }
        // Off Lettuce's event loop (applying a lesson refits the matcher: seconds), and in the order
        // sent: each message holds every lesson so far, so an older one applied last would undo newer.
        applier.execute(() -> onLesson.accept(message.substring(nl + 1)));
      }
    });
    subscriber.sync().subscribe(channel);
    LOG.info("lessons: listening for other processes' lessons on Redis");
  }

  @Override
  public void publish(String learnedYaml) {
    StatefulRedisConnection<String, String> c = publisher;
    if (c == null) {
      synchronized (this) {
        if (publisher == null) {
          publisher = client.connect();
        }
        c = publisher;
      }
    }
    long heard = c.sync().publish(channel, self + "\n" + learnedYaml);
    LOG.info("lessons: sent to {} other process(es)", Math.max(0, heard - 1));
  }

  @Override
  public synchronized void close() {
    if (subscriber != null) {
      subscriber.close();
    }
    if (publisher != null) {
      publisher.close();
    }
    applier.shutdownNow();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }
}
