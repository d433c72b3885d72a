package org.danerelay.queue;

import static org.danerelay.queue.SampleAttempts.LEASE;
import static org.danerelay.queue.SampleAttempts.queued;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code queue delete} and {@code queue bounce}: at once, or after the attempts in flight. */
class PostmasterRemovalTest {

  @TempDir Path spool;

  /** The queue database: the embedded H2 index here; PostgreSQL in the OnPostgres subclass. */
  String jdbcUrl() {
    return null;
  }

  private final Instant now = SampleMail.CLOCK.instant();
  private final List<FinishedMessage> dsns = new ArrayList<>();

  private MessageQueue open() {
    return MessageQueue.open(SampleMail.settings(spool, jdbcUrl()));
  }

  @Test
  void deleteRemovesTheSpoolFileAndTheRowsWithoutADsn() throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net", "carol@example.com");

      CommandOutcome outcome = queue.postmaster().delete(id);

      assertEquals(new CommandOutcome.Removed(2, Optional.empty()), outcome);
      assertFalse(SampleMail.bodyKept(spool, jdbcUrl(), id));
      assertEquals(List.of(), queue.list());
      assertEquals(new CommandOutcome.NotQueued(), queue.postmaster().delete(id));
    }
  }

  @Test
  void deleteOfAMessageInFlightHoldsTheRestAndRemovesItWhenTheAttemptIsRecorded() throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net", "carol@example.com");
      queue.claimDue(now, LEASE, 1); // bob is being delivered

      CommandOutcome outcome = queue.postmaster().delete(id);

      assertEquals(new CommandOutcome.Removing(Removal.DELETE, 2, 1), outcome);
      assertTrue(SampleMail.bodyKept(spool, jdbcUrl(), id), "the worker may still be reading it");
      assertEquals(List.of(), queue.claimDue(now, LEASE, 10), "carol is held");
      assertEquals(List.of(), queue.idsReadyToFinish());
      assertInstanceOf(RecordOutcome.Held.class, queue.record(id, 0, SampleAttempts.deferred(now)));
      assertEquals(Optional.empty(), queue.finishIfDone(id, dsns::add));
      assertEquals(List.of(), dsns, "a delete never sends a DSN");
      assertFalse(SampleMail.bodyKept(spool, jdbcUrl(), id));
      assertEquals(List.of(), queue.list());
    }
  }

  @Test
  void bounceReturnsEveryPendingRecipientToTheDsnStepAndRemovesTheMessage() throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net", "carol@example.com", "dave@example.org");
      queue.claimDue(now, LEASE, 2);
      queue.record(id, 0, SampleAttempts.delivered(now));
      queue.record(id, 1, SampleAttempts.deferred(now));

      CommandOutcome outcome = queue.postmaster().bounce(id, dsns::add);

      CommandOutcome.Removed removed = assertInstanceOf(CommandOutcome.Removed.class, outcome);
      assertEquals(2, removed.recipients());
      assertEquals(List.of(removed.dsn().orElseThrow()), dsns);
      FinishedMessage finished = dsns.get(0);
      assertEquals(
          List.of("carol@example.com", "dave@example.org"),
          finished.bounced().stream().map(QueuedRecipient::address).toList());
      assertTrue(
          finished.bounced().stream()
              .allMatch(r -> r.lastReply().equals(PostmasterCommands.RETURNED)));
      assertFalse(SampleMail.bodyKept(spool, jdbcUrl(), id));
    }
  }

  @Test
  void bounceInFlightReturnsOnlyWhatTheAttemptDidNotDeliver() throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net", "carol@example.com");
      queue.claimDue(now, LEASE, 1);

      assertEquals(
          new CommandOutcome.Removing(Removal.BOUNCE, 2, 1),
          queue.postmaster().bounce(id, dsns::add));
      assertEquals(List.of(), dsns);
      queue.record(id, 0, SampleAttempts.delivered(now));
      FinishedMessage finished = queue.finishIfDone(id, dsns::add).orElseThrow();

      assertEquals(List.of(finished), dsns);
      assertEquals(
          List.of("DELIVERED", "BOUNCED"),
          finished.recipients().stream().map(r -> r.state().name()).toList());
      assertEquals(PostmasterCommands.RETURNED, finished.bounced().get(0).lastReply());
    }
  }

  @Test
  void aDsnStepThatFailsKeepsTheMessage() throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net");

      try {
        queue
            .postmaster()
            .bounce(
                id,
                finished -> {
                  throw new IllegalStateException("spool full");
                });
      } catch (IllegalStateException expected) {
        // the command fails as the DSN step did
      }

      assertTrue(SampleMail.bodyKept(spool, jdbcUrl(), id));
      assertEquals(
          List.of("QUEUED"),
          queue.find(id).orElseThrow().recipients().stream().map(r -> r.state().name()).toList());
    }
  }

  @Test
  void aRemovalWhoseWorkerDiedIsCompletedAfterTheRestart() throws Exception {
    String id;
    try (MessageQueue queue = open()) {
      id = queued(queue, "bob@example.net");
      queue.claimDue(now, LEASE, 1);
      queue.postmaster().delete(id); // waits for the claim: then the process dies
    }
    try (MessageQueue restarted = open()) { // takes back the claims of the run before
      assertEquals(List.of(id), restarted.idsReadyToFinish());
      assertEquals(Optional.empty(), restarted.finishIfDone(id, dsns::add));

      assertEquals(List.of(), restarted.list());
      assertEquals(List.of(), dsns);
    }
  }

  @Test
  void releaseOfAMessageBeingRemovedReleasesNothing() throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net", "carol@example.com");
      queue.claimDue(now, LEASE, 1);
      queue.postmaster().bounce(id, dsns::add);

      assertEquals(
          new CommandOutcome.Removing(Removal.BOUNCE, 2, 1), queue.postmaster().release(id));
      assertEquals(List.of(), queue.claimDue(now, LEASE, 10));
    }
  }

  @Test
  void flushOfADomainMakesOnlyItsPendingRecipientsDue() throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net", "carol@Example.NET", "dave@example.com");
      String held = queued(queue, "erin@example.net");
      queue
          .claimDue(now, LEASE, 10)
          .forEach(
              due ->
                  due.recipients()
                      .forEach(
                          r ->
                              queue.record(
                                  due.messageId(), r.idx(), SampleAttempts.deferred(now))));
      queue.postmaster().hold(held);

      assertEquals(2, queue.postmaster().flushDomain("EXAMPLE.net"));
      assertEquals(0, queue.postmaster().flushDomain("exampl_.net"), "no LIKE wildcards");

      List<Instant> next =
          queue.find(id).orElseThrow().recipients().stream()
              .map(QueuedRecipient::nextAttempt)
              .toList();
      assertEquals(List.of(now, now), next.subList(0, 2));
      assertTrue(next.get(2).isAfter(now));

      assertEquals(1, queue.claimDue(now, LEASE, 10).size(), "bob and carol in flight");
      assertEquals(0, queue.postmaster().flushDomain("example.net"), "in flight: passed over");
    }
  }
}
