package org.danerelay.queue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The TLSRPT tally in the queue database (V10): session counts added up per day and key, read back
 * for the daily reports, and a claim per report so that it goes out once (RFC 8460 4.4, 5).
 */
public final class TlsRptStore {

  private static final String ADD =
      "UPDATE tlsrpt_result SET sessions = sessions + ? WHERE report_day = ? AND policy_domain = ?"
          + " AND policy_type = ? AND policy_key = ? AND mx_host = ? AND receiving_ip = ?"
          + " AND sending_ip = ? AND result_type = ?";
  private static final String INSERT =
      "INSERT INTO tlsrpt_result (sessions, report_day, policy_domain, policy_type, policy_key, mx_host,"
          + " receiving_ip, sending_ip, result_type, policy_string, mx_patterns)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String DAY =
      "SELECT policy_domain, policy_type, policy_string, mx_patterns, mx_host, receiving_ip,"
          + " sending_ip, result_type, sessions FROM tlsrpt_result WHERE report_day = ?"
          + " ORDER BY policy_domain, policy_type, policy_key, mx_host, receiving_ip, sending_ip,"
          + " result_type";
  private static final String CLAIM =
      "INSERT INTO tlsrpt_sent (report_day, policy_domain, claimed_by, claimed_at) VALUES (?, ?, ?, ?)";
  private static final String CLAIMED =
      "SELECT 1 FROM tlsrpt_sent WHERE report_day = ? AND policy_domain = ?";
  private static final String FORGET_RESULTS = "DELETE FROM tlsrpt_result WHERE report_day < ?";
  private static final String FORGET_SENT = "DELETE FROM tlsrpt_sent WHERE report_day < ?";

  private final TransactionRunner transactions;

  TlsRptStore(TransactionRunner transactions) {
    this.transactions = transactions;
  }

  /** Adds the counts to the tally in one transaction. */
  public void add(List<TlsRptCount> counts) {
    if (counts.isEmpty()) {
      return;
    }
    transactions.inTransaction(
        "add " + counts.size() + " TLSRPT counts",
        connection -> {
          for (TlsRptCount count : counts) {
            if (write(connection, ADD, count) == 0) {
              write(connection, INSERT, count);
            }
          }
          return null;
        });
  }

  /** Every count of {@code day}, by domain, policy and host. */
  public List<TlsRptCount> day(LocalDate day) {
    return transactions.autoCommitted(
        "read the TLSRPT counts of " + day,
        connection -> {
          List<TlsRptCount> counts = new ArrayList<>();
          try (PreparedStatement select = connection.prepareStatement(DAY)) {
            select.setObject(1, day);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                counts.add(
                    new TlsRptCount(
                        day,
                        rows.getString(1),
                        rows.getString(2),
                        rows.getString(3),
                        rows.getString(4),
                        rows.getString(5),
                        rows.getString(6),
                        rows.getString(7),
                        rows.getString(8),
                        rows.getLong(9)));
              }
            }
          }
          return counts;
        });
  }

  /**
   * Claims the report of {@code day} for {@code domain}; true for the one caller, node or run that
   * gets it, false for every later one.
   */
  public boolean claimReport(LocalDate day, String domain, String node, Instant now) {
    return transactions.inTransaction(
        "claim the TLSRPT report of " + domain + " for " + day,
        connection -> {
          try (PreparedStatement claimed = connection.prepareStatement(CLAIMED)) {
            claimed.setObject(1, day);
            claimed.setString(2, domain);
            try (ResultSet row = claimed.executeQuery()) {
              if (row.next()) {
                return false;
              }
            }
          }
          try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            claim.setObject(1, day);
            claim.setString(2, domain);
            claim.setString(3, node);
            claim.setObject(4, SqlTime.timestamp(now));
            claim.executeUpdate();
            return true;
          } catch (SQLException raced) {
            connection.rollback(); // another node inserted the claim first: the key says so
            return false;
          }
        });
  }

  /** Forgets counts and claims of days before {@code day}; returns the rows removed. */
  public int forgetBefore(LocalDate day) {
    return transactions.autoCommitted(
        "forget old TLSRPT counts",
        connection -> {
          int removed = 0;
          for (String sql : List.of(FORGET_RESULTS, FORGET_SENT)) {
            try (PreparedStatement delete = connection.prepareStatement(sql)) {
              delete.setObject(1, day);
              removed += delete.executeUpdate();
            }
          }
          return removed;
        });
  }

  private static int write(Connection connection, String sql, TlsRptCount count)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, count.sessions());
      statement.setObject(2, count.day());
      statement.setString(3, count.policyDomain());
      statement.setString(4, count.policyType());
      statement.setString(5, policyKey(count));
      statement.setString(6, count.mxHost());
      statement.setString(7, count.receivingIp());
      statement.setString(8, count.sendingIp());
      statement.setString(9, count.resultType());
      if (sql.equals(INSERT)) {
        statement.setString(10, count.policyString());
        statement.setString(11, count.mxPatterns());
      }
      return statement.executeUpdate();
    }
  }

  /** A policy's identity in the primary key: its text can be longer than a key may be. */
  private static String policyKey(TlsRptCount count) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(count.policyString().getBytes(StandardCharsets.UTF_8));
      sha256.update((byte) 0);
      sha256.update(count.mxPatterns().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
