package org.danerelay.queue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The queue's pooled connections, through HikariCP for H2 and PostgreSQL alike.
 *
 * <p>Not H2's own pool: it rolls back every connection handed back to it, and a rollback empties
 * that H2 session's cache of parsed statements, so that every statement was parsed again each time
 * it ran (a tenth of the relay's Java samples in the delivery benchmark, docs/performance.md).
 * HikariCP rolls back only a connection returned in the middle of a transaction.
 */
final class ConnectionPool implements AutoCloseable {

  /** One per SMTP session thread that commits at the same time; more just wait for a turn. */
  private static final int MAX_CONNECTIONS = 32;

  /**
   * How long a session waits for a connection: an SMTP client must hear 451 within its own timeouts
   * when PostgreSQL is down, or when an H2 index that closed itself cannot open again, not hang.
   */
  private static final Duration CONNECT_WAIT = Duration.ofSeconds(5);

  // H2's default user of a database it creates; the index is a file only this process opens.
  private static final String H2_USER = "sa";

  // A commit acknowledged by a PostgreSQL that has synchronous_commit off can be lost in a crash
  // of the server, after our 250. Such a server setting is raised to 'on' for the queue's own
  // sessions; stricter ones (remote_write, remote_apply for synchronous standbys) are kept.
  private static final String DURABLE_COMMITS =
      "SELECT set_config('synchronous_commit', CASE current_setting('synchronous_commit')"
          + " WHEN 'off' THEN 'on' ELSE current_setting('synchronous_commit') END, false)";

  private final HikariDataSource pool;

  private ConnectionPool(HikariDataSource pool) {
    this.pool = pool;
  }

  /** A pool for {@code url}, H2 or PostgreSQL. */
  static ConnectionPool open(String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setPoolName("queue");
    config.setMaximumPoolSize(MAX_CONNECTIONS);
    config.setMinimumIdle(2);
    config.setConnectionTimeout(CONNECT_WAIT.toMillis());
    config.setValidationTimeout(Duration.ofSeconds(2).toMillis());
    // The queue sets auto-commit itself around each transaction; Hikari resets it on return.
    config.setAutoCommit(true);
    // Start-up fails at once with the cause when the database cannot be reached.
    config.setInitializationFailTimeout(CONNECT_WAIT.toMillis());
    if (isShared(url)) {
      config.setConnectionInitSql(DURABLE_COMMITS);
    } else {
      config.setUsername(H2_USER);
      config.setPassword("");
    }
    EvictAllOnConnectionLoss eviction = new EvictAllOnConnectionLoss();
    config.setExceptionOverride(eviction);
    HikariDataSource pool = new HikariDataSource(config);
    eviction.watch(pool);
    return new ConnectionPool(pool);
  }

  /** Whether {@code url} names a database that several relay nodes may share: PostgreSQL. */
  static boolean isShared(String url) {
    return url.startsWith("jdbc:postgresql:");
  }

  /**
   * One connection to the H2 index at {@code url} outside any pool, for the checks that must run
   * before anything else opens it; it fails with H2's own reason (in use, damaged) at once.
   */
  static Connection unpooled(String url) throws SQLException {
    return DriverManager.getConnection(url, H2_USER, "");
  }

  DataSource dataSource() {
    return pool;
  }

  @Override
  public void close() {
    pool.close();
  }
}
