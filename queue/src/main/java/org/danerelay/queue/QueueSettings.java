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
 * @param node the name this node's claims carry ({@code node.name}; ADR 0006)
 * @param sharedLease on a database that several nodes share, how long a claim lasts unless it is
 *     renewed ({@code queue.lease}): how soon the recipients of a node that died are delivered by
 *     another (ADR 0016)
 */
public record QueueSettings(
    Path spoolDir,
    String jdbcUrl,
    Clock clock,
    RetrySchedule retry,
    Duration lifetime,
    String node,
    Duration sharedLease) {

  /** The node name of settings that name none: a queue that no other node shares. */
  public static final String DEFAULT_NODE = "local";

  /** The {@code queue.lifetime} default. */
  public static final Duration DEFAULT_LIFETIME = Duration.ofDays(5);

  /** The {@code queue.lease} default. */
  public static final Duration DEFAULT_SHARED_LEASE = Duration.ofSeconds(60);

  /** The shortest {@code queue.lease}: renewals every quarter of it must be far apart. */
  public static final Duration MIN_SHARED_LEASE = Duration.ofSeconds(4);

  /** Rejects missing values, spool paths that cannot be put into an H2 URL, and no lifetime. */
  public QueueSettings {
    Objects.requireNonNull(spoolDir, "spoolDir");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(lifetime, "lifetime");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(sharedLease, "sharedLease");
    if (sharedLease.compareTo(MIN_SHARED_LEASE) < 0) {
      throw new IllegalArgumentException(
          "queue lease must be at least " + MIN_SHARED_LEASE.toSeconds() + "s: " + sharedLease);
    }
    if (jdbcUrl == null && spoolDir.toAbsolutePath().toString().contains(";")) {
      // H2 reads ';' as the start of a URL setting, so such a path would name another file.
      throw new IllegalArgumentException("spool folder path must not contain ';': " + spoolDir);
    }
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("queue lifetime must be positive: " + lifetime);
    }
  }

  /** Settings with the default retry schedule, lifetime and node name. */
  public QueueSettings(Path spoolDir, String jdbcUrl, Clock clock) {
    this(
        spoolDir,
        jdbcUrl,
        clock,
        RetrySchedule.defaults(),
        DEFAULT_LIFETIME,
        DEFAULT_NODE,
        DEFAULT_SHARED_LEASE);
  }

  /** These settings with another retry schedule. */
  public QueueSettings withRetry(RetrySchedule retry) {
    return new QueueSettings(spoolDir, jdbcUrl, clock, retry, lifetime, node, sharedLease);
  }

  /** These settings with another queue lifetime. */
  public QueueSettings withLifetime(Duration lifetime) {
    return new QueueSettings(spoolDir, jdbcUrl, clock, retry, lifetime, node, sharedLease);
  }

  /** These settings with another node name. */
  public QueueSettings withNode(String node) {
    return new QueueSettings(spoolDir, jdbcUrl, clock, retry, lifetime, node, sharedLease);
  }

  /** These settings with another lease for claims on a shared database. */
  public QueueSettings withSharedLease(Duration sharedLease) {
    return new QueueSettings(spoolDir, jdbcUrl, clock, retry, lifetime, node, sharedLease);
  }

  /** Whether several nodes may share the queue's database: PostgreSQL. */
  public boolean shared() {
    return jdbcUrl != null && ConnectionPool.isShared(jdbcUrl);
  }

  /** The JDBC URL to use: the configured one, or the embedded H2 index in the spool folder. */
  public String effectiveJdbcUrl() {
    return jdbcUrl != null ? jdbcUrl : SpoolLayout.indexUrl(new SpoolLayout(spoolDir).index());
  }
}
