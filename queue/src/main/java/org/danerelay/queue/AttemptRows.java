package org.danerelay.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and appends rows of the attempt table, inside the caller's transaction.
 *
 * <p>A recipient's rows are numbered 1, 2, ... in the order they were written, whether a row ends a
 * delivery run ({@link MessageQueue#record}) or notes a host that failed within one ({@link
 * MessageQueue#note}); so the number is the next free one, not the recipient's run count.
 */
final class AttemptRows {

  /** The next number for recipient {@code r}: a subquery, so a caller can read it with the row. */
  static final String NEXT_NUMBER_OF_R =
      "(SELECT COALESCE(MAX(a.attempt), 0) + 1 FROM attempt a"
          + " WHERE a.message_id = r.message_id AND a.idx = r.idx)";

  private static final String NEXT_NUMBER =
      "SELECT COALESCE(MAX(attempt), 0) + 1 FROM attempt WHERE message_id = ? AND idx = ?";
  private static final String INSERT =
      "INSERT INTO attempt (message_id, idx, attempt, started_at, finished_at, relay_host,"
          + " relay_address, relay_port, tls, dane, status, reply)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String LIST =
      "SELECT a.idx, r.address, a.attempt, a.started_at, a.finished_at, a.relay_host,"
          + " a.relay_address, a.relay_port, a.tls, a.dane, a.status, a.reply FROM attempt a"
          + " JOIN recipient r ON r.message_id = a.message_id AND r.idx = a.idx"
          + " WHERE a.message_id = ? ORDER BY a.started_at, a.idx, a.attempt";

  private AttemptRows() {}

  /**
   * Appends one row and returns its number. The caller must hold the recipient's row lock, so that
   * two writers for one recipient cannot pick the same number.
   */
  static int append(Connection connection, String messageId, int idx, AttemptRecord attempt)
      throws SQLException {
    int number;
    try (PreparedStatement next = connection.prepareStatement(NEXT_NUMBER)) {
      next.setString(1, messageId);
      next.setInt(2, idx);
      try (ResultSet rows = next.executeQuery()) {
        rows.next(); // an aggregate always has one row
        number = rows.getInt(1);
      }
    }
    insert(connection, messageId, idx, number, attempt);
    return number;
  }

  /**
   * Appends one row as number {@code number}, which the caller read with {@link #NEXT_NUMBER_OF_R}
   * while holding the recipient's row lock (one query fewer than {@link #append}).
   */
  static void insert(
      Connection connection, String messageId, int idx, int number, AttemptRecord attempt)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setString(1, messageId);
      insert.setInt(2, idx);
      insert.setInt(3, number);
      insert.setObject(4, SqlTime.timestamp(attempt.startedAt()));
      insert.setObject(5, SqlTime.timestamp(attempt.finishedAt()));
      insert.setString(6, attempt.relayHost());
      insert.setString(7, attempt.relayAddress());
      if (attempt.relayPort() == 0) {
        insert.setNull(8, Types.INTEGER);
      } else {
        insert.setInt(8, attempt.relayPort());
      }
      insert.setString(9, attempt.tls());
      insert.setString(10, attempt.dane());
      insert.setString(11, attempt.status().name());
      insert.setString(12, attempt.reply());
      insert.executeUpdate();
    }
  }

  /** The rows of a message, by start time, then recipient, then number. */
  static List<RecordedAttempt> list(Connection connection, String messageId) throws SQLException {
    List<RecordedAttempt> attempts = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(LIST)) {
      select.setString(1, messageId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          attempts.add(
              new RecordedAttempt(
                  rows.getInt(1), rows.getString(2), rows.getInt(3), attempt(rows)));
        }
      }
    }
    return attempts;
  }

  private static AttemptRecord attempt(ResultSet rows) throws SQLException {
    return new AttemptRecord(
        SqlTime.instant(rows, 4),
        SqlTime.instant(rows, 5),
        rows.getString(6),
        rows.getString(7),
        rows.getInt(8), // 0 for NULL
        rows.getString(9),
        rows.getString(10),
        AttemptStatus.valueOf(rows.getString(11)),
        rows.getString(12));
  }
}
