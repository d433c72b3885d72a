package org.danerelay.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.danerelay.queue.ClaimCandidates.Candidate;

/**
 * Hands due recipients to delivery workers under a lease, so that no two workers hold the same
 * recipient, and a worker that dies only delays its recipients until the lease runs out.
 *
 * <p>Each candidate is taken by an UPDATE that repeats the whole condition, so a row counts as
 * claimed only if that UPDATE changed it: correct with any number of claimers. On a shared database
 * the candidates are also selected {@code FOR UPDATE SKIP LOCKED}, so that claimers on several
 * nodes pass over each other's rows instead of waiting ({@link ClaimCandidates}). Not on the
 * embedded H2: there one scheduler claims, and H2 2.5.252 locks every row that passes the WHERE
 * clause before it applies FETCH FIRST, so each claim would lock the whole due backlog, thousands
 * of rows, and a commit that long is what a {@code kill -9} cut into the wedged index of ADR 0006.
 */
final class RecipientClaims {

  private static final String PENDING = "state IN ('QUEUED', 'DEFERRED')";
  // A flush passes over recipients a worker holds: its attempt sets their next try when it ends,
  // so making them due would change nothing, and counting them would tell the postmaster that
  // mail was made due which is in fact being delivered. An expired lease is free to take again.
  private static final String NOT_IN_FLIGHT = " AND (lease_until IS NULL OR lease_until <= ?)";
  // One row by its key, the whole condition repeated. COALESCE on the NOT NULL state changes no
  // result; it keeps the planner from answering by recipient_due: H2 2.5.252 does that while the
  // index has no statistics (every fresh start), and each TAKE then walked the whole due backlog,
  // which was an eighth of the relay's CPU in the delivery benchmark (docs/performance.md).
  static final String TAKE =
      "UPDATE recipient SET lease_until = ?, claim_node = ?, claim_incarnation = ?"
          + " WHERE message_id = ? AND idx = ? AND COALESCE(state, '') IN ('QUEUED', 'DEFERRED')"
          + " AND next_attempt <= ? AND (lease_until IS NULL OR lease_until <= ?)";
  static final String UNCLAIMED = "lease_until = NULL, claim_node = NULL, claim_incarnation = NULL";
  private static final String RELEASE =
      "UPDATE recipient SET " + UNCLAIMED + " WHERE message_id = ? AND idx = ? AND lease_until = ?";
  // Claims made before claims named their holder (V4) come from a relay of its own, embedded H2.
  private static final String TAKE_BACK =
      "UPDATE recipient SET "
          + UNCLAIMED
          + " WHERE lease_until IS NOT NULL AND (claim_node IS NULL"
          + " OR (claim_node = ? AND claim_incarnation <> ?))";
  private static final String DROP_HELD =
      "UPDATE recipient SET "
          + UNCLAIMED
          + " WHERE message_id = ? AND idx = ? AND lease_until = ? AND state = 'HELD'";
  private static final String CLAIM_STATE =
      "SELECT state FROM recipient WHERE message_id = ? AND idx = ? AND lease_until = ?";
  private static final String MESSAGE =
      "SELECT sender, received_at, body_type, size, tls_required FROM message WHERE id = ?";

  private final TransactionRunner transactions;
  private final ClaimHolder holder;
  private final LeaseKeeper leases;
  private final ClaimCandidates candidates;

  /**
   * @param shared whether other processes claim from the same database (PostgreSQL), so that the
   *     candidates are locked and skipped by the others
   */
  RecipientClaims(
      TransactionRunner transactions, ClaimHolder holder, LeaseKeeper leases, boolean shared) {
    this.transactions = transactions;
    this.holder = holder;
    this.leases = leases;
    this.candidates = new ClaimCandidates(shared);
  }

  List<DueRecipients> claimDue(Instant now, Duration lease, int max) {
    if (lease.isNegative() || lease.isZero() || max < 1) {
      throw new IllegalArgumentException("lease " + lease + " and max " + max + " must be > 0");
    }
    // Whole microseconds, as H2 and PostgreSQL store them, so that release() can match it exactly.
    Instant leaseUntil = now.plus(lease).truncatedTo(ChronoUnit.MICROS);
    List<DueRecipients> claimed =
        transactions.inTransaction(
            "claim due recipients",
            connection -> group(connection, take(connection, now, leaseUntil, max), leaseUntil));
    claimed.forEach(leases::hold);
    return claimed;
  }

  /**
   * Ends the claims of this node's earlier incarnations: those processes are gone, so their
   * recipients are claimable at once rather than when the lease runs out (ADR 0006).
   *
   * @return how many recipients were taken back
   */
  int takeBackEarlierClaims() {
    return transactions.inTransaction(
        "take back the claims of earlier runs",
        connection -> {
          try (PreparedStatement update = connection.prepareStatement(TAKE_BACK)) {
            update.setString(1, holder.node());
            update.setString(2, holder.incarnation());
            return update.executeUpdate();
          }
        });
  }

  /** Ends the lease of recipients claimed but never attempted, if it is still this claim's. */
  void release(DueRecipients claimed) {
    leases.using(
        () -> {
          try {
            return transactions.inTransaction(
                "release claimed recipients of " + claimed.messageId(),
                connection -> {
                  try (PreparedStatement update = connection.prepareStatement(RELEASE)) {
                    for (ClaimedRecipient recipient : claimed.recipients()) {
                      bind(update, claimed, recipient).executeUpdate();
                    }
                  }
                  return null;
                });
          } finally {
            leases.forget(claimed);
          }
        });
  }

  /**
   * The part of a claim still to be attempted, checked just before its attempt starts: recipients
   * the postmaster held since the claim (ADR 0011) are given back, still HELD, and left out, as are
   * any whose lease is no longer this claim's.
   */
  Optional<DueRecipients> confirm(DueRecipients claimed) {
    return leases.using(() -> confirmUnderLease(claimed));
  }

  // Each recipient on its own: one SELECT, and an UPDATE only for a held one (ADR 0011), without
  // a transaction around them. Two statements and a COMMIT per recipient before were three round
  // trips to a shared database for every message delivered (docs/cluster.md).
  private Optional<DueRecipients> confirmUnderLease(DueRecipients claimed) {
    Optional<DueRecipients> kept =
        transactions.autoCommitted(
            "confirm the claim on " + claimed.messageId(),
            connection -> confirmed(connection, claimed));
    for (ClaimedRecipient recipient : claimed.recipients()) {
      if (kept.isEmpty() || !kept.get().recipients().contains(recipient)) {
        leases.forget(claimed.withRecipients(List.of(recipient)));
      }
    }
    return kept;
  }

  private Optional<DueRecipients> confirmed(Connection connection, DueRecipients claimed)
      throws SQLException {
    List<ClaimedRecipient> kept = new ArrayList<>();
    try (PreparedStatement state = connection.prepareStatement(CLAIM_STATE);
        PreparedStatement dropHeld = connection.prepareStatement(DROP_HELD)) {
      for (ClaimedRecipient recipient : claimed.recipients()) {
        Optional<RecipientState> now = stateUnderClaim(state, claimed, recipient);
        if (now.equals(Optional.of(RecipientState.HELD))
            && bind(dropHeld, claimed, recipient).executeUpdate() == 0) {
          now = stateUnderClaim(state, claimed, recipient); // released again meanwhile
        }
        if (now.equals(Optional.of(RecipientState.QUEUED))
            || now.equals(Optional.of(RecipientState.DEFERRED))) {
          kept.add(recipient);
        }
      }
    }
    return kept.isEmpty() ? Optional.empty() : Optional.of(claimed.withRecipients(kept));
  }

  /** The recipient's state while this claim's lease is on its row; empty once it is not. */
  private Optional<RecipientState> stateUnderClaim(
      PreparedStatement state, DueRecipients claimed, ClaimedRecipient recipient)
      throws SQLException {
    try (ResultSet rows = bind(state, claimed, recipient).executeQuery()) {
      return rows.next()
          ? Optional.of(RecipientState.valueOf(rows.getString(1)))
          : Optional.empty();
    }
  }

  /** Binds the recipient and its lease as it now stands, which a renewal may have moved on. */
  private PreparedStatement bind(
      PreparedStatement statement, DueRecipients claimed, ClaimedRecipient recipient)
      throws SQLException {
    Instant lease = leases.current(claimed.messageId(), recipient.idx(), claimed.leaseUntil());
    statement.setString(1, claimed.messageId());
    statement.setInt(2, recipient.idx());
    statement.setObject(3, SqlTime.timestamp(lease));
    return statement;
  }

  /**
   * Makes pending recipients due at {@code now}; returns how many. Those in flight are passed over.
   */
  int flush(Optional<String> messageId, Instant now) {
    String sql =
        "UPDATE recipient SET next_attempt = ? WHERE "
            + PENDING
            + NOT_IN_FLIGHT
            + (messageId.isPresent() ? " AND message_id = ?" : "");
    return transactions.inTransaction(
        "flush the queue",
        connection -> {
          try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setObject(1, SqlTime.timestamp(now));
            update.setObject(2, SqlTime.timestamp(now));
            if (messageId.isPresent()) {
              update.setString(3, messageId.get());
            }
            return update.executeUpdate();
          }
        });
  }

  /**
   * Makes pending recipients whose domain is {@code domain} (the part after the last {@code @},
   * compared in lower case) due at {@code now}; returns how many. Those in flight are passed over.
   */
  int flushDomain(String domain, Instant now) {
    String sql =
        "UPDATE recipient SET next_attempt = ? WHERE "
            + PENDING
            + NOT_IN_FLIGHT
            + " AND LOWER(address) LIKE ? ESCAPE '!'";
    return transactions.inTransaction(
        "flush the recipients at " + domain,
        connection -> {
          try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setObject(1, SqlTime.timestamp(now));
            update.setObject(2, SqlTime.timestamp(now));
            update.setString(3, "%@" + likeLiteral(domain.toLowerCase(Locale.ROOT)));
            return update.executeUpdate();
          }
        });
  }

  /** {@code text} matched literally by LIKE ... ESCAPE '!'. */
  static String likeLiteral(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  private List<Candidate> take(Connection connection, Instant now, Instant until, int max)
      throws SQLException {
    List<Candidate> candidates = this.candidates.find(connection, now, max);
    List<Candidate> taken = new ArrayList<>();
    if (candidates.isEmpty()) {
      return taken;
    }
    // One batch: on a shared database one round trip for the claim instead of one per row.
    try (PreparedStatement update = connection.prepareStatement(TAKE)) {
      for (Candidate candidate : candidates) {
        update.setObject(1, SqlTime.timestamp(until));
        update.setString(2, holder.node());
        update.setString(3, holder.incarnation());
        update.setString(4, candidate.messageId());
        update.setInt(5, candidate.recipient().idx());
        update.setObject(6, SqlTime.timestamp(now));
        update.setObject(7, SqlTime.timestamp(now));
        update.addBatch();
      }
      int[] changed = update.executeBatch();
      for (int i = 0; i < candidates.size(); i++) {
        if (changed[i] == 1) {
          taken.add(candidates.get(i));
        }
      }
    }
    return taken;
  }

  private record GroupKey(String messageId, String domain) {}

  /** Groups by message and recipient domain, keeping the order in which they were due. */
  private static List<DueRecipients> group(
      Connection connection, List<Candidate> taken, Instant leaseUntil) throws SQLException {
    Map<GroupKey, List<ClaimedRecipient>> groups = new LinkedHashMap<>();
    for (Candidate candidate : taken) {
      GroupKey key =
          new GroupKey(
              candidate.messageId(), DueRecipients.domainOf(candidate.recipient().address()));
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(candidate.recipient());
    }
    Map<String, Origin> origins = new HashMap<>();
    List<DueRecipients> due = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(MESSAGE)) {
      for (Map.Entry<GroupKey, List<ClaimedRecipient>> group : groups.entrySet()) {
        String id = group.getKey().messageId();
        Origin origin = origins.get(id);
        if (origin == null) {
          origin = readOrigin(select, id);
          origins.put(id, origin);
        }
        List<ClaimedRecipient> recipients = new ArrayList<>(group.getValue());
        recipients.sort((a, b) -> Integer.compare(a.idx(), b.idx()));
        due.add(
            new DueRecipients(
                id,
                origin.sender(),
                origin.receivedAt(),
                group.getKey().domain(),
                leaseUntil,
                recipients,
                origin.bodyType(),
                origin.size(),
                origin.tlsRequired()));
      }
    }
    return due;
  }

  private record Origin(
      String sender, Instant receivedAt, BodyType bodyType, long size, TlsRequired tlsRequired) {}

  private static Origin readOrigin(PreparedStatement select, String id) throws SQLException {
    select.setString(1, id);
    try (ResultSet rows = select.executeQuery()) {
      if (!rows.next()) {
        throw new SQLException("recipient without message " + id); // the foreign key forbids it
      }
      return new Origin(
          rows.getString(1),
          SqlTime.instant(rows, 2),
          BodyType.fromParameterValue(rows.getString(3)),
          rows.getLong(4),
          TlsRequired.fromSpoolValue(rows.getString(5)));
    }
  }
}
