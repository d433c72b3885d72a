package org.danerelay.queue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the rows of the queue's tables from one database into another by plain reads and inserts,
 * column by column where both have the column; the target's other columns get their defaults.
 *
 * <p>Plain reads see rows that no transaction can lock (ADR 0006), so this salvages a damaged H2
 * index into a fresh one; the target may be at a newer schema version than the source.
 */
final class RowCopy {

  private static final Logger log = LoggerFactory.getLogger(RowCopy.class);

  /**
   * Parents before children, for the foreign keys, each with the rows worth copying: a crash can
   * leave a child whose parent is gone or unseen, and such a child is left behind (its message, if
   * its spool file is there, is re-imported whole).
   */
  private static final Map<String, String> TABLES = new LinkedHashMap<>();

  static {
    TABLES.put("message", "");
    TABLES.put(
        "recipient", " WHERE EXISTS (SELECT 1 FROM message m WHERE m.id = recipient.message_id)");
    TABLES.put(
        "attempt",
        " WHERE EXISTS (SELECT 1 FROM recipient r JOIN message m ON m.id = r.message_id"
            + " WHERE r.message_id = attempt.message_id AND r.idx = attempt.idx)");
  }

  /** Claims die with the index they were made in: every salvaged recipient starts unclaimed. */
  private static final Set<String> LEFT_OUT =
      Set.of("lease_until", "claim_node", "claim_incarnation");

  private static final int BATCH = 1000;

  private RowCopy() {}

  /**
   * Copies every row worth copying; the caller commits {@code to} (or rolls it back if this
   * throws). Attempt rows are history: if they cannot be read, they are left out.
   *
   * @return how many message rows were copied
   */
  static int copy(Connection from, Connection to) throws SQLException {
    int messages = 0;
    for (Map.Entry<String, String> table : TABLES.entrySet()) {
      String name = table.getKey();
      List<String> columns = shared(from, to, name);
      if (columns.isEmpty()) {
        continue; // the source predates this table (e.g. no attempt table before V2)
      }
      if (name.equals("attempt")) {
        copyHistory(from, to, table.getValue(), columns);
      } else {
        int copied = copyTable(from, to, name, table.getValue(), columns);
        if (name.equals("message")) {
          messages = copied;
        }
      }
    }
    return messages;
  }

  private static void copyHistory(
      Connection from, Connection to, String where, List<String> columns) throws SQLException {
    Savepoint before = to.setSavepoint();
    try {
      copyTable(from, to, "attempt", where, columns);
    } catch (SQLException e) {
      to.rollback(before);
      log.warn("attempt history left behind, it could not be read: {}", e.toString());
    }
  }

  private static int copyTable(
      Connection from, Connection to, String table, String where, List<String> columns)
      throws SQLException {
    String list = String.join(", ", columns);
    String marks = String.join(", ", columns.stream().map(c -> "?").toList());
    int copied = 0;
    try (PreparedStatement select =
            from.prepareStatement("SELECT " + list + " FROM " + table + where);
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
