package org.danerelay.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/** Applies {@code log.level} and {@code log.file} to Logback once the configuration is read. */
public final class LoggingSetup {

  private static final String PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0}: %msg%n";

  private LoggingSetup() {}

  /**
   * Sets the level of the relay's own loggers and, when {@code file} is given, adds a file.
   * SubEthaSMTP stays at INFO or above whatever the level: its DEBUG lines carry AUTH secrets.
   */
  public static void apply(String level, Optional<Path> file) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Level chosen = Level.toLevel(level.toUpperCase(Locale.ROOT), Level.INFO);
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(chosen);
    context
        .getLogger("org.subethamail")
        .setLevel(chosen.isGreaterOrEqual(Level.INFO) ? chosen : Level.INFO);
    file.ifPresent(path -> addFile(context, path));
  }

  private static void addFile(LoggerContext context, Path path) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    FileAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(context);
    appender.setName("FILE");
    appender.setFile(path.toString());
    appender.setAppend(true);
    appender.setEncoder(encoder);
    appender.start();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
  }
}
