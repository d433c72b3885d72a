package org.danerelay.queue;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.h2.api.ErrorCode;

/**
 * Takes connections from the pool, passing over the ones that died with their database.
 *
 * <p>Embedded H2 closes its database for good when a write fails (a full disk). Every idle pooled
 * connection then belongs to that closed database and fails once as it is handed out, after which
 * the pool forgets it; a new one opens the database again. Without skipping them, the first
 * messages after the disk has room again would still be refused, one per dead connection.
 */
final class LiveConnections {

  /** Dead connections to pass over at most: one per pooled connection, and a spare. */
  private static final int MAX_DEAD = ConnectionPool.MAX_CONNECTIONS + 1;

  private LiveConnections() {}

  /**
   * A working connection from {@code source}.
   *
   * @throws QueueException when the pool itself is closed (the relay is stopping)
   * @throws SQLException when the database cannot be reached, or is still closed after every idle
   *     connection was passed over
   */
  static Connection from(DataSource source) throws SQLException {
    for (int dead = 0; ; dead++) {
      try {
        return source.getConnection();
      } catch (IllegalStateException e) {
        // A disposed pool: callers expect a QueueException like any other index failure.
        throw new QueueException("the queue is closed", e);
      } catch (SQLException e) {
        if (!closedUnderneath(e) || dead >= MAX_DEAD) {
          throw e;
        }
      }
    }
  }

  private static boolean closedUnderneath(SQLException e) {
    return e.getErrorCode() == ErrorCode.DATABASE_IS_CLOSED
        || e.getErrorCode() == ErrorCode.DATABASE_CALLED_AT_SHUTDOWN;
  }
}
