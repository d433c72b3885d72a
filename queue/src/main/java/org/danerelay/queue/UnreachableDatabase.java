package org.danerelay.queue;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a database that cannot be reached (PostgreSQL down, restarting, cut off; an H2 index that
 * closed itself) from one statement that failed, by the cause of a failure.
 */
final class UnreachableDatabase {

  /** Causes followed at most: a chain is short, but a loop in one must not hang a thread. */
  private static final int MAX_DEPTH = 16;

  private UnreachableDatabase() {}

  /**
   * Whether the failure came from the connection rather than from what was sent on it: no
   * connection within the pool's wait (HikariCP), SQLSTATE class 08 (connection exception), or
   * 57P0x (the server shutting down, crashed, or not yet accepting connections).
   */
  static boolean causedBy(Throwable failure) {
    return causedBy(failure, 0);
  }

  // A batch's own error (BatchUpdateException) often says only that the batch was aborted; the
  // server's reason is in the chained next exception, so both chains are followed.
  private static boolean causedBy(Throwable failure, int depth) {
    if (failure == null || depth >= MAX_DEPTH) {
      return false;
    }
    if (failure instanceof SQLTransientConnectionException
        || failure instanceof SQLNonTransientConnectionException) {
      return true;
    }
    if (failure instanceof SQLException sql) {
      String state = sql.getSQLState();
      if (state != null && (state.startsWith("08") || state.startsWith("57P0"))) {
        return true;
      }
      if (causedBy(sql.getNextException(), depth + 1)) {
        return true;
      }
    }
    return causedBy(failure.getCause(), depth + 1);
  }
}
