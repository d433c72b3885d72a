package org.danerelay.queue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.OptionalInt;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.tx.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the transactions that H2 found committed but unfinished when it opened the database, and
 * left that way: the cause of ADR 0006.
 *
 * <p>H2 2.5.252 persists its store while a commit is still rewriting rows. When the process dies
 * then, the next open finds that transaction's undo log with its commit mark and registers it as
 * COMMITTED, but {@code Transaction.commit()} only finishes active transactions, so it never
 * rewrites the rest of its rows nor ends: for as long as the database is open, those rows belong to
 * a transaction that will never end. Right after opening, before anything else runs, no transaction
 * should be known at all. This reads H2's own transaction store (public classes of the pinned H2
 * version, not a documented API), so it answers "unknown" rather than fail when they change; {@link
 * StuckRows} remains the check on the symptom.
 */
final class StrandedCommits {

  private static final Logger log = LoggerFactory.getLogger(StrandedCommits.class);

  private StrandedCommits() {}

  /** How many commits H2 left unfinished; empty if this is not an embedded H2 it can read. */
  static OptionalInt count(Connection connection) throws SQLException {
    if (!connection.isWrapperFor(JdbcConnection.class)) {
      return OptionalInt.empty();
    }
    try {
      JdbcConnection h2 = connection.unwrap(JdbcConnection.class);
      if (!(h2.getSession() instanceof SessionLocal session)) {
        return OptionalInt.empty(); // a client of an H2 server: its store is elsewhere
      }
      int stranded = 0;
      for (Transaction transaction :
          session.getDatabase().getStore().getTransactionStore().getOpenTransactions()) {
        if (transaction.getStatus() == Transaction.STATUS_COMMITTED) {
          stranded++;
        }
      }
      return OptionalInt.of(stranded);
    } catch (RuntimeException | LinkageError e) {
      log.warn(
          "cannot read H2's transaction store ({}); relying on the row check alone", e.toString());
      return OptionalInt.empty();
    }
  }
}
