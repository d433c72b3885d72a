package org.danerelay.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows the lease of every recipient this process has claimed and not yet settled, and on a shared
 * database keeps those leases alive (issue 14).
 *
 * <p>Nodes sharing a queue take each other's recipients only when a lease has run out. A short
 * lease lets a node that died lose its claims soon; renewing the leases of the claims still in hand
 * keeps a live node's long attempts (a large message to a slow server) its own. A claim stops being
 * renewed when its attempt is recorded or released, or when its worker gives up: then its lease
 * runs out and the recipient is claimed again, delayed but not lost.
 *
 * <p>A claim's lease is also its token: a release or confirmation matches the row's {@code
 * lease_until}. Renewal changes it, so every step that uses or ends a claim runs under the read
 * lock ({@link #using}), and a renewal under the write lock: the two never interleave.
 */
final class LeaseKeeper {

  private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

  private static final String RENEW =
      "UPDATE recipient SET lease_until = ? WHERE message_id = ? AND idx = ? AND lease_until = ?"
          + " AND claim_incarnation = ?";

  /** One claimed recipient. */
  record Key(String messageId, int idx) {}

  /** A claim's lease as it was taken, which names the claim, and as it now stands. */
  private record Lease(Instant claimed, Instant current) {}

  private final TransactionRunner transactions;
  private final ClaimHolder holder;
  private final Clock clock;
  private final Map<Key, Lease> held = new ConcurrentHashMap<>();
  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  LeaseKeeper(TransactionRunner transactions, ClaimHolder holder, Clock clock) {
    this.transactions = transactions;
    this.holder = holder;
    this.clock = clock;
  }

  /** Starts keeping the claim's leases. */
  void hold(DueRecipients claimed) {
    for (ClaimedRecipient recipient : claimed.recipients()) {
      Instant lease = claimed.leaseUntil();
      held.put(new Key(claimed.messageId(), recipient.idx()), new Lease(lease, lease));
    }
  }

  /**
   * The lease of the claim taken with lease {@code claimed} as it now stands in the database: a
   * renewal's, or {@code claimed} itself (also for an older claim of the same recipient).
   */
  Instant current(String messageId, int idx, Instant claimed) {
    Lease lease = held.get(new Key(messageId, idx));
    return lease != null && lease.claimed().equals(claimed) ? lease.current() : claimed;
  }

  /** Whether the claim taken with lease {@code claimed} is still held with time left. */
  boolean stillHeld(String messageId, int idx, Instant claimed, Duration margin) {
    Lease lease = held.get(new Key(messageId, idx));
    return lease != null
        && lease.claimed().equals(claimed)
        && clock.instant().plus(margin).isBefore(lease.current());
  }

  /** Stops keeping the recipient's lease: it was settled, or its worker gave up. */
  void forget(String messageId, int idx) {
    held.remove(new Key(messageId, idx));
  }

  /** Stops keeping the leases of every recipient of the claim, unless claimed again since. */
  void forget(DueRecipients claimed) {
    for (ClaimedRecipient recipient : claimed.recipients()) {
      Key key = new Key(claimed.messageId(), recipient.idx());
      held.computeIfPresent(
          key, (k, lease) -> lease.claimed().equals(claimed.leaseUntil()) ? null : lease);
    }
  }

  /** Runs a step that reads or ends leases; no renewal runs meanwhile. */
  <T> T using(Supplier<T> step) {
    lock.readLock().lock();
    try {
      return step.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Extends every lease in hand to now plus {@code lease}, in one transaction. A lease that is no
   * longer this process's (the row was settled or taken back meanwhile) is forgotten.
   *
   * @return how many leases were renewed
   * @throws QueueException if the database cannot be reached; the leases stay as they were
   */
  int renew(Duration lease) {
    lock.writeLock().lock();
    try {
      if (held.isEmpty()) {
        return 0;
      }
      Instant until = clock.instant().plus(lease).truncatedTo(ChronoUnit.MICROS);
      Map<Key, Boolean> outcome =
          transactions.inTransaction(
              "renew the leases in hand", connection -> renewAll(connection, until));
      int renewed = 0;
      for (Map.Entry<Key, Boolean> entry : outcome.entrySet()) {
        if (entry.getValue()) {
          held.computeIfPresent(entry.getKey(), (k, kept) -> new Lease(kept.claimed(), until));
          renewed++;
        } else {
          held.remove(entry.getKey());
          log.warn(
              "{}: recipient {} is no longer claimed by this node; its lease is not renewed",
              entry.getKey().messageId(),
              entry.getKey().idx());
        }
      }
      return renewed;
    } finally {
      lock.writeLock().unlock();
    }
  }

  private Map<Key, Boolean> renewAll(Connection connection, Instant until) throws SQLException {
    Map<Key, Boolean> outcome = new HashMap<>();
    try (PreparedStatement update = connection.prepareStatement(RENEW)) {
      for (Map.Entry<Key, Lease> entry : held.entrySet()) {
        update.setObject(1, SqlTime.timestamp(until));
        update.setString(2, entry.getKey().messageId());
        update.setInt(3, entry.getKey().idx());
        update.setObject(4, SqlTime.timestamp(entry.getValue().current()));
        update.setString(5, holder.incarnation());
        outcome.put(entry.getKey(), update.executeUpdate() == 1);
      }
    }
    return outcome;
  }
}
