package org.danerelay.queue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Removes a message whose every recipient is final: first its spool file, then its rows.
 *
 * <p>The final states were committed by {@link AttemptLog} before this runs, so a missing spool
 * file means "finished" (ADR 0001): a crash after the file is gone and before the rows are leaves
 * rows that the next start drops. The message row is locked {@code FOR UPDATE} for the whole
 * removal, so when two workers finish the last two recipients at once, only one of them gets the
 * {@link FinishedMessage} (and sends the DSN); the other finds nothing.
 */
final class MessageFinisher {

  private static final String LOCK =
      "SELECT sender, received_at FROM message WHERE id = ? FOR UPDATE";
  private static final String RECIPIENTS =
      "SELECT address, state, attempts, next_attempt, last_reply FROM recipient"
          + " WHERE message_id = ? ORDER BY idx";
  // Recipients and their attempts go with it: ON DELETE CASCADE (V1, V2).
  private static final String DELETE = "DELETE FROM message WHERE id = ?";

  private static final String READY =
      "SELECT m.id FROM message m WHERE NOT EXISTS (SELECT 1 FROM recipient r"
          + " WHERE r.message_id = m.id AND r.state IN ('QUEUED', 'DEFERRED')) ORDER BY m.id";

  private final TransactionRunner transactions;
  private final SpoolLayout layout;

  MessageFinisher(TransactionRunner transactions, SpoolLayout layout) {
    this.transactions = transactions;
    this.layout = layout;
  }

  Optional<FinishedMessage> finishIfDone(String id, Consumer<FinishedMessage> beforeRemoval) {
    return transactions.inTransaction(
        "finish message " + id,
        connection -> {
          Optional<FinishedMessage> finished = readIfDone(connection, id);
          if (finished.isEmpty()) {
            return finished;
          }
          beforeRemoval.accept(finished.get()); // throws: nothing is removed, the caller retries
          try {
            Files.deleteIfExists(layout.messageFile(id));
          } catch (IOException e) {
            throw new UncheckedIOException("could not delete the spool file of " + id, e);
          }
          try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
            delete.setString(1, id);
            delete.executeUpdate();
          }
          return finished;
        });
  }

  /** Messages that are done but still here: a crash came between the last record and finish. */
  List<String> readyIds() {
    return transactions.inTransaction(
        "list finished messages",
        connection -> {
          List<String> ids = new ArrayList<>();
          try (PreparedStatement select = connection.prepareStatement(READY);
              ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              ids.add(rows.getString(1));
            }
          }
          return ids;
        });
  }

  private static Optional<FinishedMessage> readIfDone(Connection connection, String id)
      throws SQLException {
    String sender;
    Instant receivedAt;
    try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
      lock.setString(1, id);
      try (ResultSet rows = lock.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty(); // unknown, or finished by someone else
        }
        sender = rows.getString(1);
        receivedAt = SqlTime.instant(rows, 2);
      }
    }
    List<QueuedRecipient> recipients = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(RECIPIENTS)) {
      select.setString(1, id);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          RecipientState state = RecipientState.valueOf(rows.getString(2));
          if (state == RecipientState.QUEUED || state == RecipientState.DEFERRED) {
            return Optional.empty();
          }
          recipients.add(
              new QueuedRecipient(
                  rows.getString(1),
                  state,
                  rows.getInt(3),
                  SqlTime.instant(rows, 4),
                  rows.getString(5)));
        }
      }
    }
    return Optional.of(new FinishedMessage(id, sender, receivedAt, recipients));
  }
}
