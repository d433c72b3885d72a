package org.danerelay.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes a message whose every recipient is final, or whose removal the postmaster asked for once
 * no attempt is in flight: first its spool file, then its rows. (A body kept in a shared database
 * goes with the rows, in their transaction.)
 *
 * <p>The final states were committed by {@link AttemptLog} before this runs, so a missing spool
 * file means "finished" (ADR 0001): a crash after the file is gone and before the rows are leaves
 * rows that the next start drops. The message row is locked for the whole removal, so when two
 * workers finish the last two recipients at once, only one of them gets the {@link FinishedMessage}
 * (and sends the DSN); the other finds nothing. The postmaster's commands lock the same row, so
 * they take turns with finishing (ADR 0011).
 */
final class MessageFinisher {

  private static final Logger log = LoggerFactory.getLogger(MessageFinisher.class);

  // Takes the row lock that SELECT ... FOR UPDATE would take, on H2 and PostgreSQL alike: H2 never
  // keeps a FOR UPDATE query parsed and parses it again each time, and this runs for every
  // delivered message; an UPDATE that changes nothing it parses once per connection.
  static final String LOCK = "UPDATE message SET removal = removal WHERE id = ?";
  private static final String READ =
      "SELECT sender, received_at, removal FROM message WHERE id = ?";
  private static final String RECIPIENTS =
      "SELECT address, state, attempts, next_attempt, last_reply, lease_until, claim_node"
          + " FROM recipient"
          + " WHERE message_id = ? ORDER BY idx";
  private static final String RETURN_PENDING =
      "UPDATE recipient SET state = 'BOUNCED', last_reply = ?, "
          + RecipientClaims.UNCLAIMED
          + " WHERE message_id = ? AND state IN ('QUEUED', 'DEFERRED', 'HELD')";
  // Recipients and their attempts go with it: ON DELETE CASCADE (V1, V2).
  private static final String DELETE = "DELETE FROM message WHERE id = ?";

  // Done, or a removal was asked for and no pending recipient is under a live lease.
  private static final String READY =
      "SELECT m.id FROM message m WHERE NOT EXISTS (SELECT 1 FROM recipient r"
          + " WHERE r.message_id = m.id AND r.state IN ('QUEUED', 'DEFERRED', 'HELD')"
          + " AND (m.removal IS NULL OR r.lease_until > ?)) ORDER BY m.id";

  private final TransactionRunner transactions;
  private final BodyStore bodies;
  private final Clock clock;

  MessageFinisher(TransactionRunner transactions, BodyStore bodies, Clock clock) {
    this.transactions = transactions;
    this.bodies = bodies;
    this.clock = clock;
  }

  Optional<FinishedMessage> finishIfDone(String id, Consumer<FinishedMessage> beforeRemoval) {
    Settled settled =
        transactions.inTransaction(
            "finish message " + id, connection -> settle(connection, id, beforeRemoval));
    return settled instanceof Settled.Finished finished
        ? Optional.of(finished.message())
        : Optional.empty();
  }

  /** Messages that are done but still here, or whose removal no attempt holds up any more. */
  List<String> readyIds() {
    return transactions.inTransaction(
        "list finished messages",
        connection -> {
          List<String> ids = new ArrayList<>();
          try (PreparedStatement select = connection.prepareStatement(READY)) {
            select.setObject(1, SqlTime.timestamp(clock.instant()));
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                ids.add(rows.getString(1));
              }
            }
          }
          return ids;
        });
  }

  /** What the lock on a message row read: enough to finish it without reading the row again. */
  record Locked(String id, String sender, Instant receivedAt, Optional<Removal> removal) {}

  /**
   * Locks the message row for the caller's transaction, as the postmaster's commands do first;
   * empty if there is no such message.
   */
  Optional<Locked> lock(Connection connection, String id) throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
      lock.setString(1, id);
      if (lock.executeUpdate() == 0) {
        return Optional.empty();
      }
    }
    try (PreparedStatement read = connection.prepareStatement(READ)) {
      read.setString(1, id);
      try (ResultSet rows = read.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Locked(
                id,
                rows.getString(1),
                SqlTime.instant(rows, 2),
                Optional.ofNullable(rows.getString(3)).map(Removal::valueOf)));
      }
    }
  }

  /**
   * Removes the message if it is done, or if a removal was asked for and none of its recipients is
   * in flight; in the caller's transaction.
   */
  Settled settle(Connection connection, String id, Consumer<FinishedMessage> beforeRemoval)
      throws SQLException {
    Optional<Locked> locked = lock(connection, id);
    return locked.isEmpty()
        ? new Settled.NotQueued()
        : settleLocked(connection, locked.get(), beforeRemoval);
  }

  /** {@link #settle} for a message whose row the caller's transaction has already locked. */
  Settled settleLocked(
      Connection connection, Locked message, Consumer<FinishedMessage> beforeRemoval)
      throws SQLException {
    String id = message.id();
    String sender = message.sender();
    Optional<Removal> removal = message.removal();
    List<QueuedRecipient> recipients = recipients(connection, id);
    Instant now = clock.instant();
    int pending = (int) recipients.stream().filter(r -> r.state().isPending()).count();
    int inFlight = (int) recipients.stream().filter(r -> r.inFlightAt(now)).count();
    if (removal.isEmpty() ? pending > 0 : inFlight > 0) {
      return new Settled.Waiting(pending, inFlight);
    }
    if (removal.equals(Optional.of(Removal.DELETE))) {
      removeFile(id, true);
      removeRows(connection, id);
      log.info("{}: deleted as the postmaster asked, {} recipients pending, no DSN", id, pending);
      return new Settled.Deleted(pending);
    }
    int returned = 0;
    if (removal.equals(Optional.of(Removal.BOUNCE))) {
      returned = returnPending(connection, id);
      recipients = recipients(connection, id);
      log.info("{}: {} recipients returned to <{}> as the postmaster asked", id, returned, sender);
    }
    FinishedMessage finished = new FinishedMessage(id, sender, message.receivedAt(), recipients);
    beforeRemoval.accept(finished); // throws: nothing is removed, the caller retries
    removeFile(id, removal.isPresent());
    removeRows(connection, id);
    return new Settled.Finished(finished, returned);
  }

  private static List<QueuedRecipient> recipients(Connection connection, String id)
      throws SQLException {
    List<QueuedRecipient> recipients = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(RECIPIENTS)) {
      select.setString(1, id);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          recipients.add(
              new QueuedRecipient(
                  rows.getString(1),
                  RecipientState.valueOf(rows.getString(2)),
                  rows.getInt(3),
                  SqlTime.instant(rows, 4),
                  rows.getString(5),
                  Optional.ofNullable(SqlTime.instant(rows, 6)),
                  Optional.ofNullable(rows.getString(7))));
        }
      }
    }
    return recipients;
  }

  private static int returnPending(Connection connection, String id) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(RETURN_PENDING)) {
      update.setString(1, PostmasterCommands.RETURNED);
      update.setString(2, id);
      return update.executeUpdate();
    }
  }

  /** Removes the body (a postmaster's removal durably at once: see {@link BodyStore#remove}). */
  private void removeFile(String id, boolean durably) {
    bodies.remove(id, durably);
  }

  private static void removeRows(Connection connection, String id) throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
      delete.setString(1, id);
      delete.executeUpdate();
    }
  }
}
