package org.danerelay.queue;

import static org.danerelay.queue.SampleAttempts.LEASE;
import static org.danerelay.queue.SampleAttempts.keys;
import static org.danerelay.queue.SampleAttempts.queued;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 0006: a rebuilt index keeps everything the old one could read except claims, and a crash
 * during a rebuild leaves a queue that opens with all its mail.
 */
class IndexRebuildTest {

  @TempDir Path spool;

  private final SteppingClock clock = new SteppingClock(Instant.parse("2025-06-01T12:00:05Z"));
  private final Instant now = clock.instant();

  private MessageQueue open(String node) {
    return MessageQueue.open(
        new QueueSettings(spool, null, clock)
            .withRetry(RetrySchedule.parse("1m", SampleAttempts.NO_JITTER))
            .withNode(node));
  }

  @Test
  void keepsStatesAttemptsAndDelayWarningsAndDropsClaims() throws Exception {
    String id;
    List<QueuedMessage> before;
    List<RecordedAttempt> attempts;
    try (MessageQueue queue = open("mx-a")) {
      id = queued(queue, "bob@example.net", "carol@example.com", "dave@example.org");
      queued(queue, "erin@example.net");
      queue.claimDue(now, LEASE, 10);
      queue.record(id, 0, SampleAttempts.delivered(now));
      queue.record(id, 1, SampleAttempts.deferred(now));
      queue.markDelayWarned(id, now);
      before = queue.list();
      attempts = queue.attempts(id);
    }

    new IndexRebuild(new SpoolLayout(spool), clock).rebuild();

    // Another node, so that only the rebuild can have freed dave's and erin's claims.
    try (MessageQueue queue = open("mx-b")) {
      assertEquals(unclaimed(before), queue.list());
      assertEquals(attempts, queue.attempts(id));
      assertEquals(2, keys(queue.claimDue(now, LEASE, 10)).size(), "dave and erin, unclaimed");
    }
  }

  @Test
  void aRebuildThatACrashInterruptedIsDiscardedAndTheOldIndexServes() throws Exception {
    String id;
    try (MessageQueue queue = open("mx-a")) {
      id = queued(queue, "bob@example.net");
    }
    Path building = spool.resolve("index-rebuild");
    Files.createDirectories(building);
    Files.writeString(building.resolve("queue.mv.db"), "half a database");

    try (MessageQueue queue = open("mx-a")) {
      assertEquals(List.of(id + "/0"), keys(queue.claimDue(now, LEASE, 10)));
      assertEquals(0, queue.startupReport().spoolRepairs(), "the old index had the rows");
    }
    assertFalse(Files.exists(building));
  }

  @Test
  void aRebuildCutBetweenItsTwoRenamesIsCompletedAtTheNextStart() throws Exception {
    String id;
    try (MessageQueue queue = open("mx-a")) {
      id = queued(queue, "bob@example.net");
      queue.claimDue(now, LEASE, 10);
      queue.record(id, 0, SampleAttempts.deferred(now));
    }
    // The finished new index is in index-rebuild/; the old one was already moved aside.
    Files.move(spool.resolve("index"), spool.resolve("index-rebuild"));

    try (MessageQueue queue = open("mx-a")) {
      assertEquals(1, queue.find(id).orElseThrow().recipients().get(0).attempts());
      assertEquals(0, queue.startupReport().spoolRepairs(), "no re-import: the rows were there");
    }
    assertTrue(Files.exists(spool.resolve("index")));
  }

  @Test
  void keepsHoldsAndRemovalsThePostmasterAskedFor() throws Exception {
    String held;
    String deleting;
    try (MessageQueue queue = open("mx-a")) {
      held = queued(queue, "bob@example.net");
      deleting = queued(queue, "carol@example.com");
      queue.postmaster().hold(held);
      queue.claimDue(now, LEASE, 10);
      queue.postmaster().delete(deleting); // waits for carol's claim
    }

    new IndexRebuild(new SpoolLayout(spool), clock).rebuild();

    try (MessageQueue queue = open("mx-b")) {
      assertEquals(RecipientState.HELD, queue.find(held).orElseThrow().recipients().get(0).state());
      assertEquals(List.of(), queue.claimDue(now, LEASE, 10));
      assertEquals(List.of(deleting), queue.idsReadyToFinish());
      queue.finishIfDone(deleting);
      assertEquals(List.of(held), queue.list().stream().map(QueuedMessage::id).toList());
    }
  }

  /** The messages as they were, with every claim dropped as a rebuild drops them. */
  private static List<QueuedMessage> unclaimed(List<QueuedMessage> messages) {
    return messages.stream()
        .map(
            m ->
                new QueuedMessage(
                    m.id(),
                    m.sender(),
                    m.receivedAt(),
                    m.size(),
                    m.clientAddress(),
                    m.clientHelo(),
                    m.recipients().stream()
                        .map(
                            r ->
                                new QueuedRecipient(
                                    r.address(),
                                    r.state(),
                                    r.attempts(),
                                    r.nextAttempt(),
                                    r.lastReply()))
                        .toList(),
                    m.bodyType(),
                    m.delayWarnedAt(),
                    m.tlsRequired()))
        .toList();
  }
}
