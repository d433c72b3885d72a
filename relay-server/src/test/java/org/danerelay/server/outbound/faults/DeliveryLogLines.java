package org.danerelay.server.outbound.faults;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The lines of the {@code delivery} log, as a postmaster greps them, captured with logback's own
 * list appender for as long as the test runs.
 */
final class DeliveryLogLines implements AutoCloseable {

  private final Logger logger = (Logger) LoggerFactory.getLogger("delivery");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  DeliveryLogLines() {
    appender.start();
    logger.addAppender(appender);
  }

  /** Every line so far. */
  List<String> all() {
    synchronized (appender) {
      return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  /** The summary lines for one recipient: {@code ID to=<address> relay=... status=...}. */
  List<String> forRecipient(String address) {
    return all().stream().filter(l -> l.contains(" to=<" + address + ">")).toList();
  }

  /** The lines of one message that are not recipient summaries (connecting, TLS, skipped hosts). */
  List<String> aboutMessage(String id) {
    return all().stream().filter(l -> l.startsWith(id + ": ")).toList();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
  }
}
