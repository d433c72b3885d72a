package org.danerelay.queue;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claim's per-row UPDATE must find its row by the primary key. On a fresh index H2 has no
 * statistics and once planned it on recipient_due, which walked the whole due backlog for every row
 * claimed (ADR 0015); the plan is what decides that, so the plan is what is checked.
 */
class ClaimPlanTest {

  @TempDir Path spool;

  @Test
  void takesEachClaimedRowByItsPrimaryKeyOnAFreshIndex() throws Exception {
    MessageQueue.open(SampleMail.settings(spool)).close(); // a migrated, empty index
    String url = SpoolLayout.indexUrl(new SpoolLayout(spool).index());
    try (Connection connection = DriverManager.getConnection(url, "sa", "");
        ResultSet plan =
            connection.prepareStatement("EXPLAIN " + RecipientClaims.TAKE).executeQuery()) {
      assertTrue(plan.next());
      String text = plan.getString(1);
      assertTrue(text.contains("PRIMARY_KEY"), text);
      assertTrue(!text.contains("RECIPIENT_DUE"), text);
    }
  }
}
