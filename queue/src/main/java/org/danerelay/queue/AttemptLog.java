package org.danerelay.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the end of a delivery attempt: the attempt row and the recipient's new state, next due
 * time and released lease, in one transaction.
 *
 * <p>A final state (DELIVERED, BOUNCED) is never changed again. A late report from a worker whose
 * lease ran out while another worker finished the recipient is logged as an attempt and otherwise
 * ignored, so a deferral cannot bring a delivered recipient back.
 */
final class AttemptLog {

  private static final Logger log = LoggerFactory.getLogger(AttemptLog.class);

  // Locks the recipient row first, so two reports for one recipient take their turns.
  private static final String COUNT =
      "UPDATE recipient SET attempts = attempts + 1 WHERE message_id = ? AND idx = ?";
  private static final String READ =
      "SELECT r.state, r.attempts, m.received_at FROM recipient r"
          + " JOIN message m ON m.id = r.message_id WHERE r.message_id = ? AND r.idx = ?";
  private static final String INSERT =
      "INSERT INTO attempt (message_id, idx, attempt, started_at, finished_at, relay_host,"
          + " relay_address, relay_port, tls, dane, status, reply)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String FINISH =
      "UPDATE recipient SET state = ?, last_reply = ?, lease_until = NULL"
          + " WHERE message_id = ? AND idx = ?";
  private static final String DEFER =
      "UPDATE recipient SET state = 'DEFERRED', last_reply = ?, next_attempt = ?,"
          + " lease_until = NULL WHERE message_id = ? AND idx = ?";
  private static final String LIST =
      "SELECT a.idx, r.address, a.attempt, a.started_at, a.finished_at, a.relay_host,"
          + " a.relay_address, a.relay_port, a.tls, a.dane, a.status, a.reply FROM attempt a"
          + " JOIN recipient r ON r.message_id = a.message_id AND r.idx = a.idx"
          + " WHERE a.message_id = ? ORDER BY a.started_at, a.idx, a.attempt";

  private final TransactionRunner transactions;

  AttemptLog(TransactionRunner transactions) {
    this.transactions = transactions;
  }

  RecordOutcome record(
      String messageId, int idx, AttemptRecord attempt, RetrySchedule retry, Duration lifetime) {
    return transactions.inTransaction(
        "record an attempt for " + messageId + " recipient " + idx,
        connection -> {
          if (update(connection, COUNT, messageId, idx) == 0) {
            throw new IllegalArgumentException("no recipient " + idx + " in message " + messageId);
          }
          RecipientState state;
          int number;
          Instant receivedAt;
          try (PreparedStatement read = connection.prepareStatement(READ)) {
            read.setString(1, messageId);
            read.setInt(2, idx);
            try (ResultSet rows = read.executeQuery()) {
              rows.next(); // the row exists: COUNT just changed it
              state = RecipientState.valueOf(rows.getString(1));
              number = rows.getInt(2);
              receivedAt = SqlTime.instant(rows, 3);
            }
          }
          insert(connection, messageId, idx, number, attempt);
          if (state == RecipientState.DELIVERED || state == RecipientState.BOUNCED) {
            log.warn(
                "{} recipient {}: attempt {} ended {} after the recipient was already {}",
                messageId,
                idx,
                number,
                attempt.status(),
                state);
            return new RecordOutcome.AlreadyFinal(state);
          }
          return settle(connection, messageId, idx, number, receivedAt, attempt, retry, lifetime);
        });
  }

  private static RecordOutcome settle(
      Connection connection,
      String messageId,
      int idx,
      int attemptsSoFar,
      Instant receivedAt,
      AttemptRecord attempt,
      RetrySchedule retry,
      Duration lifetime)
      throws SQLException {
    String reply = attempt.reply();
    switch (attempt.status()) {
      case DELIVERED -> {
        update(connection, FINISH, RecipientState.DELIVERED.name(), reply, messageId, idx);
        return new RecordOutcome.Delivered();
      }
      case BOUNCED -> {
        update(connection, FINISH, RecipientState.BOUNCED.name(), reply, messageId, idx);
        return new RecordOutcome.Bounced(reply);
      }
      case DEFERRED -> {
        // Postfix's maximal_queue_lifetime: the deferral that finds the message too old bounces.
        if (!attempt.finishedAt().isBefore(receivedAt.plus(lifetime))) {
          update(connection, FINISH, RecipientState.BOUNCED.name(), reply, messageId, idx);
          return new RecordOutcome.Expired(reply, receivedAt);
        }
        Instant next = retry.next(attemptsSoFar, attempt.finishedAt());
        update(connection, DEFER, reply, SqlTime.timestamp(next), messageId, idx);
        return new RecordOutcome.Deferred(next);
      }
    }
    throw new AssertionError(attempt.status());
  }

  List<RecordedAttempt> attempts(String messageId) {
    return transactions.inTransaction(
        "list the attempts of " + messageId,
        connection -> {
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
        });
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

  private static void insert(
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

  /** Runs an UPDATE with {@code values} as its parameters, in order; returns the rows changed. */
  private static int update(Connection connection, String sql, Object... values)
      throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        update.setObject(i + 1, values[i]);
      }
      return update.executeUpdate();
    }
  }
}
