package org.danerelay.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the recipients a claim may take, earliest due first: QUEUED or DEFERRED, due, and under no
 * lease or one that ran out. {@link RecipientClaims} then takes them one by one.
 *
 * <p>On the embedded H2 one query does it, unlocked (see {@link RecipientClaims} for why). On a
 * shared database two queries each lock the rows they return or skip those another claimer holds
 * ({@code FOR UPDATE SKIP LOCKED}): the rows without a lease, walked through recipient_claimable in
 * the claim's order, and those whose lease ran out (their node died), through recipient_leased
 * (V7). One query with {@code lease_until IS NULL OR lease_until <= ?} is answered from
 * recipient_due instead, by visiting every dead row version that the queue's churn leaves until
 * autovacuum comes by: 3.8 ms a claim and half of PostgreSQL's statement time in the cluster
 * benchmark (docs/cluster.md).
 */
final class ClaimCandidates {

  private static final String PENDING = "state IN ('QUEUED', 'DEFERRED')";
  private static final String COLUMNS =
      "SELECT message_id, idx, address, attempts, last_reply, next_attempt FROM recipient WHERE ";
  private static final String IN_ORDER = " ORDER BY next_attempt, message_id, idx";
  private static final String CLAIMABLE =
      COLUMNS
          + PENDING
          + " AND next_attempt <= ? AND (lease_until IS NULL OR lease_until <= ?)"
          + IN_ORDER
          + " FETCH FIRST ? ROWS ONLY";
  static final String UNLEASED =
      COLUMNS
          + PENDING
          + " AND lease_until IS NULL AND next_attempt <= ?"
          + IN_ORDER
          + " FETCH FIRST ? ROWS ONLY FOR UPDATE SKIP LOCKED";
  static final String EXPIRED =
      COLUMNS
          + PENDING
          + " AND lease_until <= ? AND next_attempt <= ?"
          + " ORDER BY lease_until FETCH FIRST ? ROWS ONLY FOR UPDATE SKIP LOCKED";

  // The plans above must walk the partial indexes whatever PostgreSQL's statistics say: without
  // them (a fresh table, or autoanalyze that has not come yet) or after a lull, the planner chose a
  // bitmap scan or a sequential scan and a sort, which visit every dead row version again; in one
  // benchmark run that made PostgreSQL spend 5 to 9 ms a message for a minute. Only in the claim's
  // own transaction, in the round trip that begins it.
  static final String PLANNER =
      "SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off;"
          + " SET LOCAL enable_sort = off";

  /** A claimable recipient, and when it was due. */
  record Candidate(String messageId, ClaimedRecipient recipient, Instant due) {}

  /** The claim's order: earliest due first, then by message and recipient. */
  private static final Comparator<Candidate> DUE_ORDER =
      Comparator.comparing(Candidate::due)
          .thenComparing(Candidate::messageId)
          .thenComparingInt(candidate -> candidate.recipient().idx());

  private final boolean shared;

  /**
   * @param shared whether other processes claim from the same database (PostgreSQL): the rows are
   *     then locked, and those another claimer holds skipped
   */
  ClaimCandidates(boolean shared) {
    this.shared = shared;
  }

  /**
   * Up to {@code max} claimable rows at {@code now}, earliest due first, in the caller's
   * transaction. On a shared database the two queries may together lock more than {@code max}; the
   * rows not taken are free again at the commit.
   */
  List<Candidate> find(Connection connection, Instant now, int max) throws SQLException {
    if (!shared) {
      return select(connection, CLAIMABLE, now, now, max);
    }
    try (Statement planner = connection.createStatement()) {
      planner.execute(PLANNER);
    }
    List<Candidate> candidates = new ArrayList<>(select(connection, EXPIRED, now, now, max));
    candidates.addAll(select(connection, UNLEASED, now, null, max));
    candidates.sort(DUE_ORDER);
    return candidates.size() > max ? candidates.subList(0, max) : candidates;
  }

  /** Runs a candidate query with its instants ({@code second} if it has two) and limit. */
  private static List<Candidate> select(
      Connection connection, String sql, Instant first, Instant second, int max)
      throws SQLException {
    List<Candidate> candidates = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      int column = 1;
      select.setObject(column++, SqlTime.timestamp(first));
      if (second != null) {
        select.setObject(column++, SqlTime.timestamp(second));
      }
      select.setInt(column, max);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          candidates.add(
              new Candidate(
                  rows.getString(1),
                  new ClaimedRecipient(
                      rows.getInt(2), rows.getString(3), rows.getInt(4), rows.getString(5)),
                  SqlTime.instant(rows, 6)));
        }
      }
    }
    return candidates;
  }
}
