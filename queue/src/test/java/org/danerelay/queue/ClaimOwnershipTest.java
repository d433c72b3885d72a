package org.danerelay.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 0006: claims name their node and incarnation. A restarted relay takes back its own earlier
 * claims at once; another node's claims stay theirs until the lease runs out.
 */
class ClaimOwnershipTest {

  private static final Duration LEASE = Duration.ofHours(1);

  @TempDir Path spool;
  @TempDir Path logs;

  /** The queue database: the embedded H2 index here; PostgreSQL in the OnPostgres subclass. */
  String jdbcUrl() {
    return null;
  }

  @Test
  @Timeout(60)
  void aRelayKilledMidDeliveryHasItsRecipientTakenBackAtTheNextStartNotAfterTheLease()
      throws Exception {
    String id = claimInChildAndKill("mx-a");

    try (MessageQueue queue = MessageQueue.open(settings("mx-a"))) {
      StartupReport report = queue.startupReport();
      assertTrue(report.uncleanStop().isPresent(), report::summary);
      assertTrue(report.uncleanStop().get().startsWith("mx-a/"), report::summary);
      assertEquals(1, report.claimsTakenBack(), report::summary);
      assertEquals(
          List.of(id + "/0"), SampleAttempts.keys(queue.claimDue(Instant.now(), LEASE, 10)));
    }
  }

  @Test
  @Timeout(60)
  void anotherNodesClaimWaitsForItsLease() throws Exception {
    String id = claimInChildAndKill("mx-a");

    try (MessageQueue queue = MessageQueue.open(settings("mx-b"))) {
      assertEquals(0, queue.startupReport().claimsTakenBack());
      assertEquals(List.of(), queue.claimDue(Instant.now(), LEASE, 10));
      Instant leaseOver = Instant.now().plus(LEASE).plusSeconds(1);
      assertEquals(List.of(id + "/0"), SampleAttempts.keys(queue.claimDue(leaseOver, LEASE, 10)));
    }
  }

  @Test
  void everyOpenIsANewIncarnationOfItsNode() {
    ClaimHolder first;
    try (MessageQueue queue = MessageQueue.open(settings("mx-a"))) {
      first = queue.claimHolder();
    }
    try (MessageQueue queue = MessageQueue.open(settings("mx-a"))) {
      assertEquals("mx-a", queue.claimHolder().node());
      assertNotEquals(first.incarnation(), queue.claimHolder().incarnation());
      assertTrue(queue.startupReport().uncleanStop().isEmpty(), "close() marks a clean stop");
    }
  }

  private QueueSettings settings(String node) {
    return new QueueSettings(spool, jdbcUrl(), Clock.systemUTC()).withNode(node);
  }

  private String claimInChildAndKill(String node) throws Exception {
    return ClaimingProcess.claimAndKill(spool, node, jdbcUrl(), logs.resolve("child.log"));
  }
}
