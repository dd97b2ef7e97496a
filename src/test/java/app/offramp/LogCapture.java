package app.offramp;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** What one logger (and those under it) logs while a test runs (logback's list appender, attached and detached). */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  public LogCapture(Class<?> of) {
    this(of.getName());
  }

  /** A logger by name: a package such as {@code net.dv8tion}, or {@code ROOT} for everything. */
  public LogCapture(String loggerName) {
    logger = (Logger) LoggerFactory.getLogger(loggerName);
    appender.start();
    logger.addAppender(appender);
  }

  /**
   * A copy of the events so far, taken under the appender's lock: other threads append while a test
   * reads (AppenderBase appends under its monitor; reading the list unlocked can throw
   * ConcurrentModificationException).
   */
  public List<ILoggingEvent> events() {
    synchronized (appender) {
      return List.copyOf(appender.list);
    }
  }

  /** Level and formatted message of each event so far, e.g. "WARN insights: ...". */
  public List<String> lines() {
    return events().stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
  }
}
