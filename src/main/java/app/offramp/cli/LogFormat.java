package app.offramp.cli;

import app.offramp.config.Settings;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.Appender;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/**
 * {@code logging.format}: plain text (logback.xml's pattern) or JSON, one object a line, through
 * Logback's own {@link JsonEncoder} (time, level, thread, logger, message, and the exception if
 * any) for a log collector. Applied once the settings are read, before anything else logs much.
 */
final class LogFormat {
  private LogFormat() {}

  static void apply(Settings settings) {
    if (!settings.oneOf(Settings.LOG_FORMAT, "plain", "json").equals("json")) {
      return;
    }
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      if (it.next() instanceof ConsoleAppender<ILoggingEvent> console) {
        JsonEncoder json = new JsonEncoder();
        json.setContext(context);
        // The message as read (arguments filled in), without the template, arguments and context copies.
        json.setWithFormattedMessage(true);
        json.setWithMessage(false);
        json.setWithArguments(false);
        json.setWithContext(false);
        json.setWithSequenceNumber(false);
        json.setWithNanoseconds(false);
        json.start();
        console.stop();
        console.setEncoder(json);
        console.start();
      }
    }
  }
}
