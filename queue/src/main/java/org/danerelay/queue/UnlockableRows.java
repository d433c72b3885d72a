package org.danerelay.queue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * Counts the rows of the queue's tables that no transaction can lock: the mark that an H2 store cut
 * short by {@code kill -9} can leave (ADR 0006).
 *
 * <p>Such a row is visible to a plain {@code SELECT}, skipped for ever by {@code FOR UPDATE SKIP
 * LOCKED}, and makes any {@code UPDATE} or {@code DELETE} of it spin without end. So the check
 * compares the two counts and never writes a row: it only locks, in a transaction it rolls back. It
 * means something only while no other session holds locks, which is true of an embedded H2 database
 * while it is being opened.
 */
final class UnlockableRows {

  /** Every table the relay updates or deletes from; later migrations that add one add it here. */
  private static final List<String> TABLES = List.of("message", "recipient", "attempt");

  private UnlockableRows() {}

  /** How many rows of the queue's tables cannot be locked; 0 for a healthy index. */
  static int count(Connection connection) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      int unlockable = 0;
      for (String table : TABLES) {
        if (exists(connection, table)) {
          unlockable += count(connection, "SELECT COUNT(*) FROM " + table);
          unlockable -=
              count(
                  connection,
                  "SELECT COUNT(*) FROM (SELECT 1 FROM " + table + " FOR UPDATE SKIP LOCKED) t");
        }
      }
      return unlockable;
    } finally {
      connection.rollback(); // the locks taken for counting, nothing else
      connection.setAutoCommit(autoCommit);
    }
  }

  // Before the first migration there are no tables, and before V2 no attempt table.
  private static boolean exists(Connection connection, String table) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
      try (ResultSet tables = meta.getTables(null, null, name, null)) {
        if (tables.next()) {
          return true;
        }
      }
    }
    return false;
  }

  private static int count(Connection connection, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
