package org.danerelay.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The MTA-STS policy cache in the queue database (V8): one row per policy domain, shared by every
 * node of a shared queue and kept across restarts, so a policy once seen holds until its {@code
 * max_age} runs out (RFC 8461 5.1, 10.2).
 */
public final class StsPolicyStore {

  private static final String FIND =
      "SELECT policy_id, policy_text, fetched_at, expires_at FROM mta_sts_policy WHERE domain = ?";
  private static final String UPDATE =
      "UPDATE mta_sts_policy SET policy_id = ?, policy_text = ?, fetched_at = ?, expires_at = ?"
          + " WHERE domain = ?";
  private static final String INSERT =
      "INSERT INTO mta_sts_policy (policy_id, policy_text, fetched_at, expires_at, domain)"
          + " VALUES (?, ?, ?, ?, ?)";
  private static final String DELETE_EXPIRED = "DELETE FROM mta_sts_policy WHERE expires_at <= ?";

  private final TransactionRunner transactions;

  StsPolicyStore(TransactionRunner transactions) {
    this.transactions = transactions;
  }

  /** The cached policy of a domain, fresh or not; empty if none was ever stored. */
  public Optional<StoredStsPolicy> find(String domain) {
    String key = domain.toLowerCase(Locale.ROOT);
    return transactions.autoCommitted(
        "read the MTA-STS policy of " + key,
        connection -> {
          try (PreparedStatement find = connection.prepareStatement(FIND)) {
            find.setString(1, key);
            try (ResultSet row = find.executeQuery()) {
              if (!row.next()) {
                return Optional.empty();
              }
              return Optional.of(
                  new StoredStsPolicy(
                      key,
                      row.getString(1),
                      row.getString(2),
                      SqlTime.instant(row, 3),
                      SqlTime.instant(row, 4)));
            }
          }
        });
  }

  /**
   * Stores a domain's policy in place of the one before. Two nodes storing one domain at once both
   * succeed; the last write stays, and either policy is one the domain served.
   */
  public void save(StoredStsPolicy policy) {
    transactions.inTransaction(
        "store the MTA-STS policy of " + policy.domain(),
        connection -> {
          if (write(connection, UPDATE, policy) == 0) {
            try {
              write(connection, INSERT, policy);
            } catch (SQLException raced) {
              // Another node inserted the domain between our UPDATE and INSERT: write over it.
              connection.rollback();
              write(connection, UPDATE, policy);
            }
          }
          return null;
        });
  }

  /** Forgets policies expired at {@code now}; returns how many. */
  public int forgetExpired(Instant now) {
    return transactions.autoCommitted(
        "forget expired MTA-STS policies",
        connection -> {
          try (PreparedStatement delete = connection.prepareStatement(DELETE_EXPIRED)) {
            delete.setObject(1, SqlTime.timestamp(now));
            return delete.executeUpdate();
          }
        });
  }

  private static int write(Connection connection, String sql, StoredStsPolicy policy)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, policy.id());
      statement.setString(2, policy.text());
      statement.setObject(3, SqlTime.timestamp(policy.fetchedAt()));
      statement.setObject(4, SqlTime.timestamp(policy.expiresAt()));
      statement.setString(5, policy.domain());
      return statement.executeUpdate();
    }
  }
}
