package org.danerelay.server.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Everything the relay logs during a test, and everything written to standard error:
 * {@code @RegisterExtension final LogCapture logs = new LogCapture();}.
 */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback {

  private final ListAppender<ILoggingEvent> events = new ListAppender<>();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private PrintStream originalStderr;

  @Override
  public void beforeEach(ExtensionContext context) {
    events.start();
    root().addAppender(events);
    originalStderr = System.err;
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    System.setErr(originalStderr);
    root().detachAppender(events);
    events.stop();
  }

  /** The events logged so far, in order. */
  public List<ILoggingEvent> events() {
    synchronized (events) {
      return List.copyOf(events.list);
    }
  }

  /** What was written to standard error so far. */
  public String stderr() {
    return stderr.toString(StandardCharsets.UTF_8);
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}
