package org.danerelay.queue;

import java.sql.PreparedStatement;
import java.time.Instant;

/**
 * Hands out the one delay warning (RFC 3464 "Action: delayed") a message may get, to exactly one
 * caller.
 *
 * <p>One conditional UPDATE does it: it changes the row only while {@code delay_warned_at} is NULL,
 * so of several workers, or several relays sharing a PostgreSQL queue, only the first sees one row
 * changed; the others wait for its row lock, then find the column set. No SELECT first, which could
 * let two of them see NULL.
 */
final class DelayWarnings {

  // Only while a recipient is still pending: a message that is done needs a DSN, not a warning.
  private static final String MARK =
      "UPDATE message SET delay_warned_at = ? WHERE id = ? AND delay_warned_at IS NULL"
          + " AND EXISTS (SELECT 1 FROM recipient r WHERE r.message_id = message.id"
          + " AND r.state IN ('QUEUED', 'DEFERRED'))";

  private final TransactionRunner transactions;

  DelayWarnings(TransactionRunner transactions) {
    this.transactions = transactions;
  }

  boolean mark(String messageId, Instant now) {
    return transactions.inTransaction(
        "mark the delay warning of " + messageId,
        connection -> {
          try (PreparedStatement update = connection.prepareStatement(MARK)) {
            update.setObject(1, SqlTime.timestamp(now));
            update.setString(2, messageId);
            return update.executeUpdate() == 1;
          }
        });
  }
}
