package org.danerelay.queue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Copies the rows of the queue's tables from one database into another by plain reads and inserts,
 * column by column where both have the column; the target's other columns get their defaults.
 *
 * <p>Plain reads see rows that no transaction can lock (ADR 0006), so this salvages a damaged H2
 * index into a fresh one; the target may be at a newer schema version than the source.
 */
final class RowCopy {

  /** Parents before children, for the foreign keys. */
  private static final List<String> TABLES = List.of("message", "recipient", "attempt");

  /** Claims die with the index they were made in: every salvaged recipient starts unclaimed. */
  private static final Set<String> LEFT_OUT =
      Set.of("lease_until", "claim_node", "claim_incarnation");

  private static final int BATCH = 1000;

  private RowCopy() {}

  /**
   * Copies every row; the caller commits {@code to} (or rolls it back if this throws).
   *
   * @return how many message rows were copied
   */
  static int copy(Connection from, Connection to) throws SQLException {
    int messages = 0;
    for (String table : TABLES) {
      List<String> columns = shared(from, to, table);
      if (columns.isEmpty()) {
        continue; // the source predates this table (e.g. no attempt table before V2)
      }
      int copied = copyTable(from, to, table, columns);
      if (table.equals("message")) {
        messages = copied;
      }
    }
    return messages;
  }

  private static int copyTable(Connection from, Connection to, String table, List<String> columns)
      throws SQLException {
    String list = String.join(", ", columns);
    String marks = String.join(", ", columns.stream().map(c -> "?").toList());
    int copied = 0;
    try (PreparedStatement select = from.prepareStatement("SELECT " + list + " FROM " + table);
        PreparedStatement insert =
            to.prepareStatement("INSERT INTO " + table + " (" + list + ") VALUES (" + marks + ")");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        for (int i = 1; i <= columns.size(); i++) {
          insert.setObject(i, rows.getObject(i));
        }
        insert.addBatch();
        if (++copied % BATCH == 0) {
          insert.executeBatch();
        }
      }
      insert.executeBatch();
    }
    return copied;
  }

  /** The columns of {@code table} in both databases, in the target's order, lower case. */
  private static List<String> shared(Connection from, Connection to, String table)
      throws SQLException {
    Set<String> source = columns(from, table);
    List<String> both = new ArrayList<>();
    for (String column : columns(to, table)) {
      if (source.contains(column) && !LEFT_OUT.contains(column)) {
        both.add(column);
      }
    }
    return both;
  }

  /** The table's columns in their declared order, lower case; empty if there is no table. */
  private static Set<String> columns(Connection connection, String table) throws SQLException {
    Set<String> columns = new LinkedHashSet<>();
    DatabaseMetaData meta = connection.getMetaData();
    // H2 keeps unquoted names in upper case, PostgreSQL in lower case.
    for (String name : List.of(table.toUpperCase(Locale.ROOT), table)) {
      try (ResultSet rows = meta.getColumns(null, null, name, null)) {
        while (rows.next()) {
          columns.add(rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
        }
      }
      if (!columns.isEmpty()) {
        break;
      }
    }
    return columns;
  }
}
