package org.danerelay.queue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The queue's pooled connections: H2's own pool for an H2 index, HikariCP for a database that
 * several nodes share.
 */
final class ConnectionPool implements AutoCloseable {

  /** One per SMTP session thread that commits at the same time; more just wait for a turn. */
  static final int MAX_CONNECTIONS = 32;

  /**
   * How long a session waits for a connection to a shared database: an SMTP client must hear 451
   * within its own timeouts when PostgreSQL is down, not hang with it.
   */
  private static final Duration SHARED_CONNECT_WAIT = Duration.ofSeconds(5);

  // A commit acknowledged by a PostgreSQL that has synchronous_commit off can be lost in a crash
  // of the server, after our 250. Such a server setting is raised to 'on' for the queue's own
  // sessions; stricter ones (remote_write, remote_apply for synchronous standbys) are kept.
  private static final String DURABLE_COMMITS =
      "SELECT set_config('synchronous_commit', CASE current_setting('synchronous_commit')"
          + " WHEN 'off' THEN 'on' ELSE current_setting('synchronous_commit') END, false)";

  private final DataSource dataSource;
  private final Runnable closer;

  private ConnectionPool(DataSource dataSource, Runnable closer) {
    this.dataSource = dataSource;
    this.closer = closer;
  }

  /** A pool for {@code url}, by its kind of database. */
  static ConnectionPool open(String url) {
    return isShared(url) ? postgres(url) : h2(url);
  }

  /** Whether {@code url} names a database that several relay nodes may share: PostgreSQL. */
  static boolean isShared(String url) {
    return url.startsWith("jdbc:postgresql:");
  }

  private static ConnectionPool h2(String url) {
    JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
    pool.setMaxConnections(MAX_CONNECTIONS);
    return new ConnectionPool(pool, pool::dispose);
  }

  private static ConnectionPool postgres(String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setPoolName("queue");
    config.setMaximumPoolSize(MAX_CONNECTIONS);
    config.setMinimumIdle(2);
    config.setConnectionTimeout(SHARED_CONNECT_WAIT.toMillis());
    config.setValidationTimeout(Duration.ofSeconds(2).toMillis());
    config.setConnectionInitSql(DURABLE_COMMITS);
    // The queue sets auto-commit itself around each transaction; Hikari resets it on return.
    config.setAutoCommit(true);
    // Start-up fails at once with the cause when the database cannot be reached.
    config.setInitializationFailTimeout(SHARED_CONNECT_WAIT.toMillis());
    EvictAllOnConnectionLoss eviction = new EvictAllOnConnectionLoss();
    config.setExceptionOverride(eviction);
    HikariDataSource pool = new HikariDataSource(config);
    eviction.watch(pool);
    return new ConnectionPool(pool, pool::close);
  }

  DataSource dataSource() {
    return dataSource;
  }

  @Override
  public void close() {
    closer.run();
  }
}
