package org.danerelay.queue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the queue keeps its spool files and its index, the clock it reads, and how long it keeps
 * retrying.
 *
 * @param spoolDir the folder for {@code incoming/}, {@code messages/} and {@code corrupt/}
 * @param jdbcUrl the index database, or {@code null} for an H2 file at {@code
 *     <spoolDir>/index/queue}
 * @param clock the time source for queue ids and due times
 * @param retry when deferred recipients are due again ({@code retry.schedule})
 * @param lifetime how long after it was received a message is retried before a deferral bounces
 *     ({@code queue.lifetime})
 */
public record QueueSettings(
    Path spoolDir, String jdbcUrl, Clock clock, RetrySchedule retry, Duration lifetime) {

  /** The {@code queue.lifetime} default. */
  public static final Duration DEFAULT_LIFETIME = Duration.ofDays(5);

  /** Rejects missing values, spool paths that cannot be put into an H2 URL, and no lifetime. */
  public QueueSettings {
    Objects.requireNonNull(spoolDir, "spoolDir");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(lifetime, "lifetime");
    if (jdbcUrl == null && spoolDir.toAbsolutePath().toString().contains(";")) {
      // H2 reads ';' as the start of a URL setting, so such a path would name another file.
      throw new IllegalArgumentException("spool folder path must not contain ';': " + spoolDir);
    }
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("queue lifetime must be positive: " + lifetime);
    }
  }

  /** Settings with the default retry schedule and lifetime. */
  public QueueSettings(Path spoolDir, String jdbcUrl, Clock clock) {
    this(spoolDir, jdbcUrl, clock, RetrySchedule.defaults(), DEFAULT_LIFETIME);
  }

  /** These settings with another retry schedule. */
  public QueueSettings withRetry(RetrySchedule retry) {
    return new QueueSettings(spoolDir, jdbcUrl, clock, retry, lifetime);
  }

  /** These settings with another queue lifetime. */
  public QueueSettings withLifetime(Duration lifetime) {
    return new QueueSettings(spoolDir, jdbcUrl, clock, retry, lifetime);
  }

  /**
   * Returns the JDBC URL to use: the configured one, or the default H2 file.
   *
   * <p>The default sets {@code WRITE_DELAY=0} so that a killed process loses no committed row; H2
   * still never fsyncs, which is why the spool files, not the index, are the durability record.
   */
  public String effectiveJdbcUrl() {
    if (jdbcUrl != null) {
      return jdbcUrl;
    }
    Path file = spoolDir.toAbsolutePath().normalize().resolve("index").resolve("queue");
    return "jdbc:h2:file:" + file + ";WRITE_DELAY=0";
  }
}
