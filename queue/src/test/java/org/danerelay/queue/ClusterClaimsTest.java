package org.danerelay.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several nodes on one PostgreSQL queue (issue 14): claims never overlap, a live node's leases are
 * renewed, a dead node's run out, and no two live processes share a node name.
 */
@Timeout(120)
class ClusterClaimsTest {

  private static final Duration LEASE = ClaimingProcess.SHARED_LEASE;

  @TempDir Path dir;

  private String url;

  @BeforeEach
  void database() {
    url = PrivatePostgres.get().newDatabase();
  }

  private MessageQueue node(String name) throws Exception {
    QueueSettings settings =
        new QueueSettings(Files.createDirectories(dir.resolve(name)), url, Clock.systemUTC())
            .withNode(name)
            .withSharedLease(LEASE);
    return MessageQueue.open(settings);
  }

  @Test
  void twoNodesClaimingAtOnceDeliverEveryRecipientExactlyOnce() throws Exception {
    int messages = 300;
    try (MessageQueue a = node("mx-a");
        MessageQueue b = node("mx-b")) {
      for (int i = 0; i < messages; i++) {
        SampleAttempts.queued(i % 2 == 0 ? a : b, "rcpt" + i + "@example.net");
      }
      ConcurrentLinkedQueue<String> delivered = new ConcurrentLinkedQueue<>();
      ExecutorService workers = Executors.newFixedThreadPool(4);
      List<Future<?>> running = new ArrayList<>();
      for (MessageQueue node : List.of(a, b, a, b)) {
        running.add(workers.submit(() -> deliverUntilEmpty(node, delivered)));
      }
      for (Future<?> worker : running) {
        worker.get(90, TimeUnit.SECONDS);
      }
      workers.shutdown();

      Set<String> distinct = new HashSet<>(delivered);
      assertEquals(delivered.size(), distinct.size(), "a recipient was claimed twice");
      assertEquals(messages, distinct.size());
      assertEquals(0, a.messageCount(), "every message finished");
    }
  }

  /** Claims, records delivered, until a claim comes back empty twice; bounded in rounds. */
  private static Void deliverUntilEmpty(MessageQueue node, ConcurrentLinkedQueue<String> out) {
    int empty = 0;
    for (int round = 0; round < 1000 && empty < 2; round++) {
      List<DueRecipients> claimed = node.claimDue(Instant.now(), LEASE, 7);
      empty = claimed.isEmpty() ? empty + 1 : 0;
      for (DueRecipients due : claimed) {
        for (ClaimedRecipient recipient : due.recipients()) {
          out.add(due.messageId() + "/" + recipient.idx());
          node.recordAndFinish(
              due.messageId(), recipient.idx(), SampleAttempts.delivered(Instant.now()), f -> {});
        }
      }
    }
    return null;
  }

  @Test
  void aLiveNodeKeepsItsClaimPastTheLeaseAndLetsGoWhenItsWorkerGivesUp() throws Exception {
    try (MessageQueue a = node("mx-a");
        MessageQueue b = node("mx-b")) {
      String id = SampleAttempts.queued(a, "bob@example.net");
      DueRecipients claim = a.claimDue(Instant.now(), LEASE, 10).get(0);

      Thread.sleep(LEASE.multipliedBy(2).toMillis()); // two leases: renewed about eight times
      assertEquals(List.of(), b.claimDue(Instant.now(), LEASE, 10), "still mx-a's");
      assertTrue(a.stillHeld(claim, claim.recipients(), Duration.ofSeconds(1)));

      a.endClaim(claim); // its worker failed without recording anything
      assertEquals(List.of(id + "/0"), claimWithin(b, LEASE.plusSeconds(3)));
    }
  }

  @Test
  void aLateDeferralFromANodeWhoseLeaseRanOutLeavesTheNewClaimAlone() throws Exception {
    try (MessageQueue a = node("mx-a");
        MessageQueue b = node("mx-b")) {
      String id = SampleAttempts.queued(a, "bob@example.net");
      DueRecipients lost = a.claimDue(Instant.now(), LEASE, 10).get(0);
      // mx-a was cut off from the database long enough for its lease to run out: an hour on.
      DueRecipients taken = b.claimDue(Instant.now().plus(Duration.ofHours(1)), LEASE, 10).get(0);

      RecordOutcome late = a.record(id, 0, SampleAttempts.deferred(Instant.now()));

      assertEquals(new RecordOutcome.TakenOver(b.claimHolder().toString()), late);
      assertEquals(List.of(), claimWithin(a, Duration.ofSeconds(1)), "mx-b's claim stands");
      assertTrue(b.stillHeld(taken, taken.recipients(), Duration.ofSeconds(1)));
      assertFalse(
          a.stillHeld(lost, lost.recipients(), Duration.ZERO),
          "a recorded claim is no longer held");
      assertEquals(
          new RecordOutcome.Delivered(), b.record(id, 0, SampleAttempts.delivered(Instant.now())));
    }
  }

  @Test
  void aNodeThatCannotRenewItsLeaseKnowsItNoLongerHoldsTheClaim() throws Exception {
    try (MessageQueue a = node("mx-a");
        MessageQueue b = node("mx-b")) {
      SampleAttempts.queued(a, "bob@example.net");
      DueRecipients claim = a.claimDue(Instant.now(), LEASE, 10).get(0);
      b.claimDue(Instant.now().plus(Duration.ofHours(1)), LEASE, 10); // the lease ran out; taken

      long deadline = System.nanoTime() + LEASE.toNanos();
      while (a.stillHeld(claim, claim.recipients(), Duration.ZERO)
          && System.nanoTime() < deadline) {
        Thread.sleep(100); // the next renewal finds the row taken
      }
      assertFalse(
          a.stillHeld(claim, claim.recipients(), Duration.ZERO),
          "a worker must not end its DATA now");
    }
  }

  @Test
  void aKilledNodesRecipientIsDeliveredByAnotherOnceItsLeaseRunsOut() throws Exception {
    try (MessageQueue b = node("mx-b")) {
      Instant killed = Instant.now();
      String id = claimInChildAndKill("mx-a");

      assertEquals(List.of(), b.claimDue(Instant.now(), LEASE, 10), "the lease still runs");
      List<String> taken = claimWithin(b, LEASE.plusSeconds(3));
      assertEquals(List.of(id + "/0"), taken);
      assertTrue(Duration.between(killed, Instant.now()).compareTo(LEASE) >= 0);
    }
  }

  @Test
  void aSecondProcessUnderTheSameNodeNameCannotStart() throws Exception {
    try (MessageQueue a = node("mx-a")) {
      QueueException refused = assertThrows(QueueException.class, () -> node("mx-a").close());
      assertTrue(refused.getMessage().contains("node.name 'mx-a' is in use"), refused::getMessage);
      SampleAttempts.queued(a, "bob@example.net");
      assertEquals(1, a.claimDue(Instant.now(), LEASE, 10).size());
    }
    try (MessageQueue again = node("mx-a")) {
      assertEquals(1, again.startupReport().claimsTakenBack(), "its own, taken back at once");
    }
  }

  /** Polls for a claim every 200 ms until {@code limit} has passed; the claimed keys. */
  private static List<String> claimWithin(MessageQueue node, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      List<DueRecipients> claimed = node.claimDue(Instant.now(), LEASE, 10);
      if (!claimed.isEmpty()) {
        return SampleAttempts.keys(claimed);
      }
      Thread.sleep(200);
    }
    return List.of();
  }

  private String claimInChildAndKill(String name) throws Exception {
    Path spool = Files.createDirectories(dir.resolve(name));
    return ClaimingProcess.claimAndKill(spool, name, url, dir.resolve(name + ".log"));
  }
}
