package org.danerelay.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the end of a delivery attempt: the attempt row and the recipient's new state, next due
 * time and released lease, in one transaction; and notes hosts that failed within a delivery run,
 * which leave the recipient as it is.
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
  // With the number of the attempt row to append: one round trip to the database fewer.
  private static final String READ =
      "SELECT r.state, r.attempts, m.received_at, r.claim_node, r.claim_incarnation, "
          + AttemptRows.NEXT_NUMBER_OF_R
          + " FROM recipient r JOIN message m ON m.id = r.message_id"
          + " WHERE r.message_id = ? AND r.idx = ?";
  // The same turn-taking for a note, without counting a run.
  private static final String LOCK =
      "SELECT state FROM recipient WHERE message_id = ? AND idx = ? FOR UPDATE";
  private static final String FINISH =
      "UPDATE recipient SET state = ?, last_reply = ?, "
          + RecipientClaims.UNCLAIMED
          + " WHERE message_id = ? AND idx = ?";
  private static final String DEFER =
      "UPDATE recipient SET state = 'DEFERRED', last_reply = ?, next_attempt = ?, "
          + RecipientClaims.UNCLAIMED
          + " WHERE message_id = ? AND idx = ?";
  // Held while its attempt ran: the state stays, the rest is recorded as for a deferral.
  private static final String KEEP_HELD =
      "UPDATE recipient SET last_reply = ?, next_attempt = ?, "
          + RecipientClaims.UNCLAIMED
          + " WHERE message_id = ? AND idx = ?";

  private final TransactionRunner transactions;
  private final ClaimHolder holder;

  AttemptLog(TransactionRunner transactions, ClaimHolder holder) {
    this.transactions = transactions;
    this.holder = holder;
  }

  RecordOutcome record(
      String messageId, int idx, AttemptRecord attempt, RetrySchedule retry, Duration lifetime) {
    return transactions.inTransaction(
        "record an attempt for " + messageId + " recipient " + idx,
        connection -> recordIn(connection, messageId, idx, attempt, retry, lifetime));
  }

  /** What {@link #record} does, in the caller's transaction. */
  RecordOutcome recordIn(
      Connection connection,
      String messageId,
      int idx,
      AttemptRecord attempt,
      RetrySchedule retry,
      Duration lifetime)
      throws SQLException {
    if (update(connection, COUNT, messageId, idx) == 0) {
      throw noSuchRecipient(messageId, idx);
    }
    RecipientState state;
    int runs;
    Instant receivedAt;
    String claimNode;
    String claimIncarnation;
    int number;
    try (PreparedStatement read = connection.prepareStatement(READ)) {
      read.setString(1, messageId);
      read.setInt(2, idx);
      try (ResultSet rows = read.executeQuery()) {
        rows.next(); // the row exists: COUNT just changed it
        state = RecipientState.valueOf(rows.getString(1));
        runs = rows.getInt(2);
        receivedAt = SqlTime.instant(rows, 3);
        claimNode = rows.getString(4);
        claimIncarnation = rows.getString(5);
        number = rows.getInt(6);
      }
    }
    AttemptRows.insert(connection, messageId, idx, number, attempt);
    if (isFinal(state)) {
      warnLate(messageId, idx, number, attempt, state);
      return new RecordOutcome.AlreadyFinal(state);
    }
    if (attempt.status() == AttemptStatus.DEFERRED
        && claimIncarnation != null
        && !claimIncarnation.equals(holder.incarnation())) {
      String other = claimNode + "/" + claimIncarnation;
      log.warn(
          "{}: attempt {} for recipient {} deferred after its lease ran out; {} has claimed it"
              + " since and keeps it",
          messageId,
          number,
          idx,
          other);
      return new RecordOutcome.TakenOver(other);
    }
    if (state == RecipientState.HELD && attempt.status() == AttemptStatus.DEFERRED) {
      // ADR 0011: the hold takes effect now that the attempt is over; a delivery or a 5xx
      // in that attempt was real and stands. Held mail does not expire (Postfix's hold).
      Instant next = retry.next(runs, attempt.finishedAt());
      update(connection, KEEP_HELD, attempt.reply(), SqlTime.timestamp(next), messageId, idx);
      return new RecordOutcome.Held(next);
    }
    return settle(connection, messageId, idx, runs, receivedAt, attempt, retry, lifetime);
  }

  void note(String messageId, int idx, AttemptRecord attempt) {
    transactions.inTransaction(
        "note an attempt for " + messageId + " recipient " + idx,
        connection -> {
          RecipientState state;
          try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
            lock.setString(1, messageId);
            lock.setInt(2, idx);
            try (ResultSet rows = lock.executeQuery()) {
              if (!rows.next()) {
                throw noSuchRecipient(messageId, idx);
              }
              state = RecipientState.valueOf(rows.getString(1));
            }
          }
          int number = AttemptRows.append(connection, messageId, idx, attempt);
          if (isFinal(state)) {
            warnLate(messageId, idx, number, attempt, state);
          }
          return null;
        });
  }

  List<RecordedAttempt> attempts(String messageId) {
    return transactions.inTransaction(
        "list the attempts of " + messageId, connection -> AttemptRows.list(connection, messageId));
  }

  private static RecordOutcome settle(
      Connection connection,
      String messageId,
      int idx,
      int runsSoFar,
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
        // Backoff by runs, not by hosts tried: five dead MX hosts in one run are one deferral.
        Instant next = retry.next(runsSoFar, attempt.finishedAt());
        update(connection, DEFER, reply, SqlTime.timestamp(next), messageId, idx);
        return new RecordOutcome.Deferred(next);
      }
    }
    throw new AssertionError(attempt.status());
  }

  private static boolean isFinal(RecipientState state) {
    return state == RecipientState.DELIVERED || state == RecipientState.BOUNCED;
  }

  private static void warnLate(
      String messageId, int idx, int number, AttemptRecord attempt, RecipientState state) {
    log.warn(
        "{} recipient {}: attempt {} ended {} after the recipient was already {}",
        messageId,
        idx,
        number,
        attempt.status(),
        state);
  }

  private static IllegalArgumentException noSuchRecipient(String messageId, int idx) {
    return new IllegalArgumentException("no recipient " + idx + " in message " + messageId);
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
