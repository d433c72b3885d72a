package org.danerelay.queue;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a shared PostgreSQL queue a claim walks an index in its own order and stops at the rows it
 * takes (V7), instead of collecting every due row from recipient_due and sorting them: that visited
 * each dead row version the queue's churn leaves until autovacuum, and was half of PostgreSQL's
 * statement time in the cluster benchmark. The plan is what decides that, so the plan is checked.
 */
@Timeout(120)
class ClaimPlanOnPostgresTest {

  private static final int MESSAGES = 40;
  private static final int RECIPIENTS_EACH = 50;

  @TempDir Path spool;

  @Test
  void claimsWalkTheClaimableAndTheLeasedIndexInOrderWithoutSorting() throws Exception {
    String url = PrivatePostgres.get().newDatabase();
    Instant now = SampleMail.CLOCK.instant();
    try (MessageQueue queue =
        MessageQueue.open(new QueueSettings(spool, url, SampleMail.CLOCK).withNode("mx1"))) {
      for (int m = 0; m < MESSAGES; m++) {
        List<String> recipients = new ArrayList<>();
        for (int r = 0; r < RECIPIENTS_EACH; r++) {
          recipients.add("rcpt" + r + "@d" + m + ".example.net");
        }
        SampleAttempts.queued(queue, recipients.toArray(String[]::new));
      }
      queue.claimDue(now, SampleAttempts.LEASE, 100); // some rows under a lease, most free
    }
    try (Connection connection = DriverManager.getConnection(url)) {
      assertPlansWalkTheIndexes(connection, now); // no statistics yet, as on a fresh database
      connection.createStatement().execute("ANALYZE recipient");
      assertPlansWalkTheIndexes(connection, now);
    }
  }

  private static void assertPlansWalkTheIndexes(Connection connection, Instant now)
      throws SQLException {
    String unleased = plan(connection, ClaimCandidates.UNLEASED, now);
    assertTrue(unleased.contains("Index Scan using recipient_claimable"), unleased);
    assertFalse(unleased.contains("Sort"), unleased);

    String expired = plan(connection, ClaimCandidates.EXPIRED, now, now);
    assertTrue(expired.contains("Index Scan using recipient_leased"), expired);
    assertFalse(expired.contains("Sort"), expired);
  }

  /**
   * EXPLAIN of a candidate query with its instants and a limit of 100 bound, in a transaction with
   * the planner settings that a claim makes.
   */
  private static String plan(Connection connection, String sql, Instant... instants)
      throws SQLException {
    connection.setAutoCommit(false);
    try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
      connection.createStatement().execute(ClaimCandidates.PLANNER);
      int column = 1;
      for (Instant instant : instants) {
        explain.setObject(column++, SqlTime.timestamp(instant));
      }
      explain.setInt(column, 100);
      StringBuilder text = new StringBuilder();
      try (ResultSet rows = explain.executeQuery()) {
        while (rows.next()) {
          text.append(rows.getString(1)).append('\n');
        }
      }
      return text.toString();
    } finally {
      connection.rollback();
      connection.setAutoCommit(true);
    }
  }
}
