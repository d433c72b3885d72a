package org.danerelay.queue;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs a unit of work in one database transaction: all of it commits, or none of it (or, where that
 * is not needed, with each statement committing by itself).
 */
final class TransactionRunner {

  /** Work on a connection whose auto-commit is off; commit and rollback are the runner's job. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final DataSource dataSource;

  TransactionRunner(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Runs {@code work} and commits; rolls back if it throws.
   *
   * @param what what the work does, for the exception message
   * @throws QueueException for a database failure, or when the queue is closed
   */
  <T> T inTransaction(String what, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true); // pooled connections go back in their default mode
      }
    } catch (SQLException e) {
      throw new QueueException("could not " + what, e);
    }
  }

  /**
   * Runs {@code work} with auto-commit on, so that each statement commits by itself: for work whose
   * statements need not stand or fall together, one round trip to the database fewer (the COMMIT).
   *
   * @throws QueueException for a database failure, or when the queue is closed
   */
  <T> T autoCommitted(String what, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new QueueException("could not " + what, e);
    }
  }
}
