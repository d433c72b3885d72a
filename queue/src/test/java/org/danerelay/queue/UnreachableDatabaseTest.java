package org.danerelay.queue;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What PostgreSQL and the pool really throw when the server goes away, and what they do not. */
@Timeout(120)
class UnreachableDatabaseTest {

  private final PrivatePostgres server = PrivatePostgres.get();
  private final String url = server.newDatabase();

  @Test
  void aBatchOnAConnectionTheServerCutAndAPoolWithNoServerAreUnreachable() throws Exception {
    try (Connection open = DriverManager.getConnection(url);
        ConnectionPool pool = ConnectionPool.open(url)) {
      try (Statement create = open.createStatement()) {
        create.execute("CREATE TABLE t (v INTEGER)");
      }
      server.stop();
      try {
        SQLException cut =
            assertThrows(
                SQLException.class,
                () -> {
                  try (PreparedStatement insert =
                      open.prepareStatement("INSERT INTO t VALUES (?)")) {
                    insert.setInt(1, 1);
                    insert.addBatch();
                    insert.executeBatch();
                  }
                });
        assertTrue(UnreachableDatabase.causedBy(new QueueException("x", cut)), cut::toString);

        // The pool first hands out the connections it had (the server cut them), then has none.
        for (int attempt = 0; attempt < 4; attempt++) {
          SQLException down =
              assertThrows(
                  SQLException.class,
                  () -> {
                    try (Connection pooled = pool.dataSource().getConnection();
                        Statement select = pooled.createStatement()) {
                      select.execute("SELECT 1");
                    }
                  });
          assertTrue(UnreachableDatabase.causedBy(down), down::toString);
        }
      } finally {
        server.start();
      }
    }
  }

  @Test
  void aStatementTheServerRefusesIsNot() throws Exception {
    try (Connection open = DriverManager.getConnection(url);
        Statement statement = open.createStatement()) {
      SQLException refused =
          assertThrows(SQLException.class, () -> statement.execute("SELECT * FROM no_such_table"));
      assertFalse(UnreachableDatabase.causedBy(refused), refused::toString);
    }
  }
}
