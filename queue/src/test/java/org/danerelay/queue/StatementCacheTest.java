package org.danerelay.queue;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbc.JdbcPreparedStatement;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The queue's pool must keep each H2 session's parsed statements from one transaction to the next.
 * H2's own pool rolled back every connection handed back to it, and a rollback empties the
 * session's cache of parsed statements, so every statement was parsed again each time it ran (ADR
 * 0015). Whether H2 parsed again shows in the command it gives a prepared statement: the one it
 * parsed before, or a new one. (H2 keeps it in a private field; if an upgrade renames it, this test
 * fails at the lookup, not silently.)
 */
class StatementCacheTest {

  private static final String QUERY = "SELECT COUNT(*) FROM recipient WHERE message_id = ?";
  private static final int TRANSACTIONS = 5;

  @TempDir Path spool;

  // A query, and the finishing step's row lock, which runs for every delivered message (a SELECT
  // ... FOR UPDATE there was parsed again every time: H2 never caches one).
  @ParameterizedTest
  @ValueSource(strings = {QUERY, MessageFinisher.LOCK})
  void aStatementRunAgainInALaterTransactionIsNotParsedAgain(String sql) throws Exception {
    MessageQueue.open(SampleMail.settings(spool)).close(); // a migrated, empty index
    String url = SpoolLayout.indexUrl(new SpoolLayout(spool).index());
    Map<Object, Object> parsedBySession = new IdentityHashMap<>();
    int repeats = 0;
    try (ConnectionPool pool = ConnectionPool.open(url)) {
      TransactionRunner transactions = new TransactionRunner(pool.dataSource());
      for (int i = 0; i < TRANSACTIONS; i++) {
        Object[] sessionAndCommand =
            transactions.inTransaction(
                "run the query",
                connection -> {
                  try (PreparedStatement query = connection.prepareStatement(sql)) {
                    query.setString(1, "none");
                    query.execute();
                    return new Object[] {
                      connection.unwrap(JdbcConnection.class).getSession(), command(query)
                    };
                  }
                });
        Object before = parsedBySession.putIfAbsent(sessionAndCommand[0], sessionAndCommand[1]);
        if (before != null) {
          repeats++;
          assertSame(before, sessionAndCommand[1], "parsed again in transaction " + (i + 1));
        }
      }
    }
    assertTrue(repeats > 0, "no session was lent twice in " + TRANSACTIONS + " transactions");
  }

  private static Object command(PreparedStatement statement) throws SQLException {
    try {
      Field command = JdbcPreparedStatement.class.getDeclaredField("command");
      command.setAccessible(true);
      return command.get(statement.unwrap(JdbcPreparedStatement.class));
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("H2's prepared statement no longer holds its command as before", e);
    }
  }
}
