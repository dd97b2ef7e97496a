package app.offramp.core.port.out;

import java.util.function.Consumer;

/**
 * Tells the bot's other processes that staff taught it something, so they learn it too without a
 * restart (an outbound port; Redis pub/sub implements it when conversations are kept there).
 * What travels is the whole learned file: processes need not share a disk.
 */
public interface LessonBroadcast extends AutoCloseable {
  LessonBroadcast NONE = new LessonBroadcast() {
    @Override
    public void publish(String learnedYaml) {}

    @Override
    public void listen(Consumer<String> onLesson) {}

    @Override
    public void close() {}
  };

  /** Sends this process's learned file to the others. */
  void publish(String learnedYaml);

  /** {@code onLesson} gets every other process's learned file as it is published (not this one's own). */
  void listen(Consumer<String> onLesson);

  @Override
  void close();
}
