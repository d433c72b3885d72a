package org.danerelay.queue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Where the queue keeps its spool files and its index, and the clock it reads.
 *
 * @param spoolDir the folder for {@code incoming/}, {@code messages/} and {@code corrupt/}
 * @param jdbcUrl the index database, or {@code null} for an H2 file at {@code
 *     <spoolDir>/index/queue}
 * @param clock the time source for queue ids and due times
 */
public record QueueSettings(Path spoolDir, String jdbcUrl, Clock clock) {

  /** Rejects missing values and spool paths that cannot be put into an H2 URL. */
  public QueueSettings {
    Objects.requireNonNull(spoolDir, "spoolDir");
    Objects.requireNonNull(clock, "clock");
    if (jdbcUrl == null && spoolDir.toAbsolutePath().toString().contains(";")) {
      // H2 reads ';' as the start of a URL setting, so such a path would name another file.
      throw new IllegalArgumentException("spool folder path must not contain ';': " + spoolDir);
    }
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
