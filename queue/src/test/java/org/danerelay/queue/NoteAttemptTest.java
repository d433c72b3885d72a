package org.danerelay.queue;

import static org.danerelay.queue.SampleAttempts.LEASE;
import static org.danerelay.queue.SampleAttempts.keys;
import static org.danerelay.queue.SampleAttempts.queued;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hosts that fail while delivery moves on to the next MX host within one run (RFC 5321 5.1). */
class NoteAttemptTest {

  @TempDir Path spool;

  /** The queue database: the embedded H2 index here; PostgreSQL in the OnPostgres subclass. */
  String jdbcUrl() {
    return null;
  }

  private final Instant now = SampleMail.CLOCK.instant();

  private MessageQueue open() {
    RetrySchedule retry = RetrySchedule.parse("1m,5m,15m,30m", SampleAttempts.NO_JITTER);
    return MessageQueue.open(SampleMail.settings(spool, jdbcUrl()).withRetry(retry));
  }

  private static AttemptRecord refusedBy(String host, Instant finishedAt) {
    return new AttemptRecord(
        finishedAt.minusSeconds(1),
        finishedAt,
        host,
        "192.0.2.10",
        25,
        null,
        null,
        AttemptStatus.DEFERRED,
        "4.4.1 connection refused by " + host);
  }

  @Test
  void notedHostsAndTheRunsLastHostAreListedInOrderWithDistinctNumbers() throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net", "carol@example.com");
      queue.claimDue(now, LEASE, 10);
      AttemptRecord mx1 = refusedBy("mx1.example.net", now.plusSeconds(1));
      AttemptRecord mx2 = refusedBy("mx2.example.net", now.plusSeconds(2));
      AttemptRecord mx3 = SampleAttempts.delivered(now.plusSeconds(5));
      AttemptRecord carol = refusedBy("mx.example.com", now.plusSeconds(3));

      queue.note(id, 0, mx1);
      queue.note(id, 0, mx2);
      queue.record(id, 1, carol);
      queue.record(id, 0, mx3);

      assertEquals(
          List.of(
              new RecordedAttempt(0, "bob@example.net", 1, mx1),
              new RecordedAttempt(0, "bob@example.net", 2, mx2),
              new RecordedAttempt(1, "carol@example.com", 1, carol),
              new RecordedAttempt(0, "bob@example.net", 3, mx3)),
          queue.attempts(id));
      // One run each: the noted hosts are rows, not runs.
      List<QueuedRecipient> recipients = queue.find(id).orElseThrow().recipients();
      assertEquals(List.of(1, 1), recipients.stream().map(QueuedRecipient::attempts).toList());
    }
  }

  @Test
  void notesDoNotMoveTheBackoffToALaterStep() throws Exception {
    try (MessageQueue queue = open()) {
      String noted = queued(queue, "bob@example.net");
      String plain = queued(queue, "carol@example.com");
      queue.claimDue(now, LEASE, 10);
      queue.note(noted, 0, refusedBy("mx1.example.net", now));
      queue.note(noted, 0, refusedBy("mx2.example.net", now));

      RecordOutcome withNotes = queue.record(noted, 0, SampleAttempts.deferred(now));
      RecordOutcome without = queue.record(plain, 0, SampleAttempts.deferred(now));

      // The first step (1m) for both: had the two notes counted, bob would be at 15m.
      assertEquals(new RecordOutcome.Deferred(now.plus(Duration.ofMinutes(1))), withNotes);
      assertEquals(without, withNotes);

      Instant second = now.plus(Duration.ofMinutes(1));
      queue.claimDue(second, LEASE, 10);
      queue.note(noted, 0, refusedBy("mx1.example.net", second));
      assertEquals(
          new RecordOutcome.Deferred(second.plus(Duration.ofMinutes(5))),
          queue.record(noted, 0, SampleAttempts.deferred(second)));
      assertEquals(5, queue.attempts(noted).size());
    }
  }

  @Test
  void aNoteLeavesStateNextAttemptAndLeaseAsTheyWere() throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net");
      queue.claimDue(now, LEASE, 10);
      QueuedRecipient before = queue.find(id).orElseThrow().recipients().get(0);
      assertEquals(Optional.of(now.plus(LEASE)), before.claimedUntil());

      queue.note(id, 0, refusedBy("mx1.example.net", now.plusSeconds(1)));

      assertEquals(before, queue.find(id).orElseThrow().recipients().get(0));
      // Still held by its worker: neither released early nor extended.
      assertEquals(List.of(), queue.claimDue(now.plus(LEASE).minusMillis(1), LEASE, 10));
      assertEquals(List.of(id + "/0"), keys(queue.claimDue(now.plus(LEASE), LEASE, 10)));
    }
  }

  @Test
  void refusesToNoteAnAttemptThatEndedTheRun() throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net");

      assertThrows(
          IllegalArgumentException.class, () -> queue.note(id, 0, SampleAttempts.delivered(now)));
      assertThrows(
          IllegalArgumentException.class, () -> queue.note(id, 0, SampleAttempts.bounced(now)));
      assertEquals(List.of(), queue.attempts(id));
    }
  }

  @Test
  void refusesToNoteForAnUnknownRecipient() throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net");

      assertThrows(
          IllegalArgumentException.class, () -> queue.note(id, 1, SampleAttempts.deferred(now)));
      assertThrows(
          IllegalArgumentException.class,
          () -> queue.note(queue.newId(), 0, SampleAttempts.deferred(now)));
      assertEquals(List.of(), queue.attempts(id));
    }
  }

  @Test
  void aLateNoteAfterTheRecipientWasDeliveredIsListedAndKeepsItDelivered() throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net");
      queue.record(id, 0, SampleAttempts.delivered(now)); // by the worker that claimed it second

      queue.note(id, 0, refusedBy("mx1.example.net", now.plusSeconds(1)));

      QueuedRecipient bob = queue.find(id).orElseThrow().recipients().get(0);
      assertEquals(RecipientState.DELIVERED, bob.state());
      assertEquals(1, bob.attempts());
      assertEquals(List.of(1, 2), queue.attempts(id).stream().map(a -> a.number()).toList());
    }
  }
}
