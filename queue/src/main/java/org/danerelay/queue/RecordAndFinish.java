package org.danerelay.queue;

import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A delivery worker's last word on a recipient in one commit: the attempt recorded as {@link
 * AttemptLog} does, then the message finished as {@link MessageFinisher} does, if that was its last
 * pending recipient. Two commits per relayed message became one (docs/performance.md).
 *
 * <p>The message row is locked first (and read once, for both steps), in the order the postmaster's
 * commands and the finishing step take their locks, so that two workers of one message, or a worker
 * and a command, take turns instead of deadlocking. When finishing fails (the DSN could not be
 * queued), only that part is rolled back: the attempt stands, and the message waits to be finished
 * as it did when the two steps were separate commits.
 */
final class RecordAndFinish {

  private static final Logger log = LoggerFactory.getLogger(RecordAndFinish.class);

  private final TransactionRunner transactions;
  private final AttemptLog attempts;
  private final MessageFinisher finisher;
  private final RetrySchedule retry;
  private final Duration lifetime;

  RecordAndFinish(
      TransactionRunner transactions,
      AttemptLog attempts,
      MessageFinisher finisher,
      RetrySchedule retry,
      Duration lifetime) {
    this.transactions = transactions;
    this.attempts = attempts;
    this.finisher = finisher;
    this.retry = retry;
    this.lifetime = lifetime;
  }

  RecordOutcome run(
      String id, int idx, AttemptRecord attempt, Consumer<FinishedMessage> beforeRemoval) {
    return transactions.inTransaction(
        "record an attempt for " + id + " recipient " + idx + " and finish the message if done",
        connection -> {
          MessageFinisher.Locked message =
              finisher
                  .lock(connection, id)
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "no recipient " + idx + " in message " + id));
          RecordOutcome outcome = attempts.recordIn(connection, id, idx, attempt, retry, lifetime);
          // Named: H2 keeps "SAVEPOINT recorded" parsed, but parses each generated name anew.
          Savepoint recorded = connection.setSavepoint("recorded");
          try {
            finisher.settleLocked(connection, message, beforeRemoval);
          } catch (SQLException | RuntimeException e) {
            connection.rollback(recorded);
            log.warn(
                "{}: attempt recorded, but the message could not be finished yet: {}",
                id,
                e.toString());
          }
          return outcome;
        });
  }
}
