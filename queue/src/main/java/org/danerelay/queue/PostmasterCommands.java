package org.danerelay.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The postmaster's commands on one queued message: hold, release, delete and bounce, each safe
 * while delivery workers run (ADR 0011).
 *
 * <p>Each command locks the message row, as {@link MessageFinisher} does, and changes recipients
 * with UPDATEs that repeat their condition, as claims do; so a command and a claim, a recorded
 * attempt or a finish take turns, and a recipient is never delivered twice nor lost. A recipient in
 * flight (claimed under a live lease) keeps its attempt: what it delivered or bounced stands, and
 * the command takes effect for it when the attempt is recorded.
 */
public final class PostmasterCommands {

  /**
   * The reason a postmaster's bounce gives each returned recipient, which its DSN quotes. RFC 3463
   * 3.1: X.0.0 is for errors of which only the class is known. This one is permanent (5), and the
   * subject codes do not fit: X.3.x blames the destination system, X.4.7 the lifetime, X.7.x a
   * security policy; here the relay's own administrator gave up on the message.
   */
  public static final String RETURNED = "5.0.0 returned to the sender by the postmaster";

  private static final String LOCK = "SELECT removal FROM message WHERE id = ? FOR UPDATE";
  private static final String HOLD =
      "UPDATE recipient SET state = 'HELD' WHERE message_id = ? AND state IN ('QUEUED', 'DEFERRED')";
  // Back to what it was before the hold: QUEUED if never tried, else DEFERRED; due now.
  private static final String RELEASE =
      "UPDATE recipient SET state = CASE WHEN attempts = 0 THEN 'QUEUED' ELSE 'DEFERRED' END,"
          + " next_attempt = ? WHERE message_id = ? AND state = 'HELD'";
  private static final String IN_FLIGHT =
      "SELECT COUNT(*) FROM recipient WHERE message_id = ? AND state IN (?, ?) AND lease_until > ?";
  private static final String REQUEST_REMOVAL = "UPDATE message SET removal = ? WHERE id = ?";

  private final TransactionRunner transactions;
  private final MessageFinisher finisher;
  private final RecipientClaims claims;
  private final Clock clock;

  PostmasterCommands(
      TransactionRunner transactions,
      MessageFinisher finisher,
      RecipientClaims claims,
      Clock clock) {
    this.transactions = transactions;
    this.finisher = finisher;
    this.claims = claims;
    this.clock = clock;
  }

  /**
   * Puts the QUEUED and DEFERRED recipients of a message on hold: they become HELD, are never
   * claimed, and do not expire, until {@link #release}. One in flight finishes its attempt; if it
   * defers, it stays HELD.
   *
   * @return {@link CommandOutcome.Changed} (how many were held now), or NotQueued
   */
  public CommandOutcome hold(String id) {
    String messageId = QueueId.requireValid(id);
    return transactions.inTransaction(
        "hold " + messageId,
        connection -> {
          if (!lock(connection, messageId).exists()) {
            return new CommandOutcome.NotQueued();
          }
          int held = update(connection, HOLD, messageId);
          return new CommandOutcome.Changed(held, inFlight(connection, messageId, "HELD", "HELD"));
        });
  }

  /**
   * Releases the HELD recipients of a message: QUEUED again if never tried, else DEFERRED, and due
   * now. From here on they age out at the queue lifetime as before.
   *
   * @return {@link CommandOutcome.Changed} (how many were released), {@link
   *     CommandOutcome.Removing} if a delete or bounce of it waits for an attempt (nothing is
   *     released then), or NotQueued
   */
  public CommandOutcome release(String id) {
    String messageId = QueueId.requireValid(id);
    Instant now = clock.instant();
    return transactions.inTransaction(
        "release " + messageId,
        connection -> {
          MessageLock message = lock(connection, messageId);
          if (!message.exists()) {
            return new CommandOutcome.NotQueued();
          }
          if (message.removal().isPresent()) {
            return removing(connection, messageId, message.removal().get());
          }
          int released = update(connection, RELEASE, SqlTime.timestamp(now), messageId);
          return new CommandOutcome.Changed(
              released, inFlight(connection, messageId, "QUEUED", "DEFERRED"));
        });
  }

  /**
   * Removes a message without a DSN: its spool file, then its rows. If recipients are in flight,
   * the others are HELD and the message is removed when the last of those attempts is recorded.
   */
  public CommandOutcome delete(String id) {
    return remove(QueueId.requireValid(id), Removal.DELETE, finished -> {});
  }

  /**
   * Returns every pending recipient to the sender: each becomes BOUNCED with {@link #RETURNED} and
   * the finished message goes to {@code dsn}, as when delivery finishes a message, which should
   * queue the DSN (never one for a {@code <>} sender). If recipients are in flight, the others are
   * HELD and the bounce completes when the last of those attempts is recorded; a recipient that
   * attempt delivered is not returned.
   *
   * @param dsn called once the message is finished, before its file is removed; if it throws,
   *     nothing is removed
   */
  public CommandOutcome bounce(String id, Consumer<FinishedMessage> dsn) {
    return remove(QueueId.requireValid(id), Removal.BOUNCE, Objects.requireNonNull(dsn, "dsn"));
  }

  /**
   * Makes the QUEUED and DEFERRED recipients at {@code domain} due now ({@code queue flush
   * --domain}); held ones stay held, claimed ones stay with their worker.
   *
   * @return how many were made due
   */
  public int flushDomain(String domain) {
    if (Objects.requireNonNull(domain, "domain").isBlank() || domain.contains("@")) {
      throw new IllegalArgumentException("not a domain: " + domain);
    }
    return claims.flushDomain(domain, clock.instant());
  }

  private CommandOutcome remove(String id, Removal removal, Consumer<FinishedMessage> dsn) {
    return transactions.inTransaction(
        removal.name().toLowerCase(Locale.ROOT) + " " + id,
        connection -> {
          if (!lock(connection, id).exists()) {
            return new CommandOutcome.NotQueued();
          }
          update(connection, REQUEST_REMOVAL, removal.name(), id);
          update(connection, HOLD, id);
          Settled settled = finisher.settle(connection, id, dsn);
          if (settled instanceof Settled.Waiting waiting) {
            return new CommandOutcome.Removing(removal, waiting.pending(), waiting.inFlight());
          }
          if (settled instanceof Settled.Deleted deleted) {
            return new CommandOutcome.Removed(deleted.pending(), Optional.empty());
          }
          if (settled instanceof Settled.Finished finished) {
            return new CommandOutcome.Removed(finished.returned(), Optional.of(finished.message()));
          }
          throw new IllegalStateException(id + " vanished while locked");
        });
  }

  private CommandOutcome removing(Connection connection, String id, Removal removal)
      throws SQLException {
    int pending;
    try (PreparedStatement count =
        connection.prepareStatement(
            "SELECT COUNT(*) FROM recipient WHERE message_id = ? AND state = 'HELD'")) {
      count.setString(1, id);
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        pending = rows.getInt(1);
      }
    }
    return new CommandOutcome.Removing(removal, pending, inFlight(connection, id, "HELD", "HELD"));
  }

  /** Whether the message row is there (and now locked), and the removal asked for, if any. */
  private record MessageLock(boolean exists, Optional<Removal> removal) {}

  private static MessageLock lock(Connection connection, String id) throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
      lock.setString(1, id);
      try (ResultSet rows = lock.executeQuery()) {
        if (!rows.next()) {
          return new MessageLock(false, Optional.empty());
        }
        return new MessageLock(true, Optional.ofNullable(rows.getString(1)).map(Removal::valueOf));
      }
    }
  }

  private int inFlight(Connection connection, String id, String state, String otherState)
      throws SQLException {
    try (PreparedStatement count = connection.prepareStatement(IN_FLIGHT)) {
      count.setString(1, id);
      count.setString(2, state);
      count.setString(3, otherState);
      count.setObject(4, SqlTime.timestamp(clock.instant()));
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

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
