package org.danerelay.queue;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Drops every pooled connection once one of them is found cut off from its database.
 *
 * <p>Why: a restart or failover of PostgreSQL kills all connections at once (as an embedded H2 that
 * closed itself after a failed write does), but the pool learns it one connection at a time, as
 * each is used and fails; and it checks a connection before handing it out only if it lay idle for
 * more than half a second, which under load none does. Each dead connection would cost one more
 * refused message or failed claim after the database is back. The first such failure tells the pool
 * to replace them all: idle ones at once, the ones in use when they come back.
 */
final class EvictAllOnConnectionLoss implements SQLExceptionOverride {

  private volatile HikariDataSource pool;

  /** The pool to clear; set once it exists, since the pool is built from a config naming this. */
  void watch(HikariDataSource pool) {
    this.pool = pool;
  }

  @java.lang.Override
  public SQLExceptionOverride.Override adjudicate(SQLException failure) {
    HikariDataSource watched = pool;
    if (watched != null && UnreachableDatabase.causedBy(failure) && !watched.isClosed()) {
      watched.getHikariPoolMXBean().softEvictConnections();
    }
    return SQLExceptionOverride.Override.CONTINUE_EVICT;
  }
}
