package org.danerelay.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * Counts the rows of the queue's H2 tables that a commit cut by {@code kill -9} left stuck (ADR
 * 0006): rows that no transaction can lock, and rows the table holds that no {@code SELECT} shows.
 *
 * <p>A stuck lock or update is visible to a plain {@code SELECT}, skipped for ever by {@code FOR
 * UPDATE SKIP LOCKED}, and makes any {@code UPDATE} or {@code DELETE} of it spin without end; so
 * the first count compares {@code COUNT(*)} with the rows {@code SKIP LOCKED} can lock, in a
 * transaction it rolls back. A stuck insert has no committed value: {@code SELECT} does not show
 * it, but its key stays taken; H2's {@code ROW_COUNT_ESTIMATE}, the size of the table's own map,
 * still counts it. Neither count writes a row or waits. They mean something only while no other
 * session holds locks or has uncommitted rows, which is true of an embedded H2 database while it is
 * being opened.
 */
final class StuckRows {

  /** Every table the relay updates or deletes from; later migrations that add one add it here. */
  private static final List<String> TABLES = List.of("message", "recipient", "attempt");

  private static final String ESTIMATE =
      "SELECT ROW_COUNT_ESTIMATE FROM INFORMATION_SCHEMA.TABLES"
          + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = ?";

  private StuckRows() {}

  /** How many rows of the queue's tables are stuck; 0 for a healthy index. */
  static int count(Connection connection) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      int stuck = 0;
      for (String table : TABLES) {
        long estimate = estimate(connection, table);
        if (estimate < 0) {
          continue; // before the first migration there are no tables, and before V2 no attempt
        }
        long visible = count(connection, "SELECT COUNT(*) FROM " + table);
        long lockable =
            count(
                connection,
                "SELECT COUNT(*) FROM (SELECT 1 FROM " + table + " FOR UPDATE SKIP LOCKED) t");
        stuck += (int) (visible - lockable) + (int) Math.max(0, estimate - visible);
      }
      return stuck;
    } finally {
      connection.rollback(); // the locks taken for counting, nothing else
      connection.setAutoCommit(autoCommit);
    }
  }

  /** The size of the table's map, or -1 if there is no such table. */
  private static long estimate(Connection connection, String table) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(ESTIMATE)) {
      select.setString(1, table.toUpperCase(Locale.ROOT));
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getLong(1) : -1;
      }
    }
  }

  private static long count(Connection connection, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
