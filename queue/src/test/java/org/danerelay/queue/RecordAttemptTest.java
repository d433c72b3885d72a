package org.danerelay.queue;

import static org.danerelay.queue.SampleAttempts.LEASE;
import static org.danerelay.queue.SampleAttempts.keys;
import static org.danerelay.queue.SampleAttempts.queued;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordAttemptTest {

  @TempDir Path spool;

  /** The queue database: the embedded H2 index here; PostgreSQL in the OnPostgres subclass. */
  String jdbcUrl() {
    return null;
  }

  private final Instant now = SampleMail.CLOCK.instant();

  private MessageQueue open(RetrySchedule retry, Duration lifetime) {
    return MessageQueue.open(
        SampleMail.settings(spool, jdbcUrl()).withRetry(retry).withLifetime(lifetime));
  }

  private MessageQueue open() {
    return open(RetrySchedule.parse("1m,5m", SampleAttempts.NO_JITTER), Duration.ofDays(5));
  }

  @Test
  void deliveredIsFinalKeepsTheReplyAndReleasesTheLease() throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net");
      queue.claimDue(now, LEASE, 10);

      RecordOutcome outcome = queue.record(id, 0, SampleAttempts.delivered(now));

      assertEquals(new RecordOutcome.Delivered(), outcome);
      QueuedRecipient bob = queue.find(id).orElseThrow().recipients().get(0);
      assertEquals(RecipientState.DELIVERED, bob.state());
      assertEquals(1, bob.attempts());
      assertEquals("250 2.0.0 Ok: queued as 4Xk", bob.lastReply());
      assertEquals(List.of(), queue.claimDue(now.plus(Duration.ofDays(1)), LEASE, 10));
    }
  }

  @Test
  void bouncedIsFinalWithTheRemoteReply() throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net");
      queue.claimDue(now, LEASE, 10);

      RecordOutcome outcome = queue.record(id, 0, SampleAttempts.bounced(now));

      assertEquals(new RecordOutcome.Bounced("550 5.1.1 No such user"), outcome);
      QueuedRecipient bob = queue.find(id).orElseThrow().recipients().get(0);
      assertEquals(RecipientState.BOUNCED, bob.state());
      assertEquals("550 5.1.1 No such user", bob.lastReply());
    }
  }

  @Test
  void deferralIsDueAgainByTheScheduleAndClaimableThenNotBefore() throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net");
      queue.claimDue(now, LEASE, 10);

      RecordOutcome first = queue.record(id, 0, SampleAttempts.deferred(now));

      assertEquals(new RecordOutcome.Deferred(now.plus(Duration.ofMinutes(1))), first);
      QueuedRecipient bob = queue.find(id).orElseThrow().recipients().get(0);
      assertEquals(RecipientState.DEFERRED, bob.state());
      assertEquals(now.plus(Duration.ofMinutes(1)), bob.nextAttempt());
      assertEquals("451 4.7.1 Greylisted, try later", bob.lastReply());
      // The lease is released: due again at the next attempt, not only when the lease ends.
      assertEquals(List.of(), queue.claimDue(now.plusSeconds(59), LEASE, 10));
      Instant later = now.plus(Duration.ofMinutes(1));
      assertEquals(List.of(id + "/0"), keys(queue.claimDue(later, LEASE, 10)));

      RecordOutcome second = queue.record(id, 0, SampleAttempts.deferred(later));
      RecordOutcome third = queue.record(id, 0, SampleAttempts.deferred(later));

      assertEquals(new RecordOutcome.Deferred(later.plus(Duration.ofMinutes(5))), second);
      assertEquals(new RecordOutcome.Deferred(later.plus(Duration.ofMinutes(5))), third);
    }
  }

  @Test
  void deferralWithSeededJitterStaysWithinTenPercentOfTheStep() throws Exception {
    try (MessageQueue queue = open(RetrySchedule.parse("10m", new Random(7)), Duration.ofDays(5))) {
      String id = queued(queue, "bob@example.net");

      RecordOutcome.Deferred deferred =
          assertInstanceOf(
              RecordOutcome.Deferred.class, queue.record(id, 0, SampleAttempts.deferred(now)));

      assertTrue(!deferred.nextAttempt().isBefore(now.plus(Duration.ofMinutes(9))));
      assertTrue(!deferred.nextAttempt().isAfter(now.plus(Duration.ofMinutes(11))));
      assertEquals(
          deferred.nextAttempt(), queue.find(id).orElseThrow().recipients().get(0).nextAttempt());
    }
  }

  @Test
  void aDeferralAfterTheQueueLifetimeBouncesAsExpiredWithTheLastReason() throws Exception {
    Duration lifetime = Duration.ofHours(1);
    try (MessageQueue queue = open(RetrySchedule.parse("1m", SampleAttempts.NO_JITTER), lifetime)) {
      String id = queued(queue, "bob@example.net", "carol@example.net");
      Instant expiry = SampleMail.RECEIVED.plus(lifetime);

      RecordOutcome young = queue.record(id, 0, SampleAttempts.deferred(expiry.minusMillis(1)));
      RecordOutcome old =
          queue.record(
              id,
              1,
              SampleAttempts.attempt(AttemptStatus.DEFERRED, "4.4.1 connection refused", expiry));

      assertInstanceOf(RecordOutcome.Deferred.class, young);
      assertEquals(new RecordOutcome.Expired("4.4.1 connection refused", SampleMail.RECEIVED), old);
      QueuedRecipient carol = queue.find(id).orElseThrow().recipients().get(1);
      assertEquals(RecipientState.BOUNCED, carol.state());
      assertEquals("4.4.1 connection refused", carol.lastReply());
    }
  }

  @Test
  void aLateReportAfterTheRecipientWasDeliveredKeepsItDelivered() throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net");
      queue.record(id, 0, SampleAttempts.delivered(now)); // the worker that claimed it second

      RecordOutcome late = queue.record(id, 0, SampleAttempts.deferred(now.plusSeconds(1)));

      assertEquals(new RecordOutcome.AlreadyFinal(RecipientState.DELIVERED), late);
      QueuedRecipient bob = queue.find(id).orElseThrow().recipients().get(0);
      assertEquals(RecipientState.DELIVERED, bob.state());
      assertEquals(2, queue.attempts(id).size());
    }
  }

  @Test
  void listsAttemptsInOrderWithEveryField() throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net", "carol@example.com");
      AttemptRecord bobFirst = SampleAttempts.deferred(now);
      AttemptRecord carolFirst =
          AttemptRecord.withoutConnection(
              now, now.plusSeconds(1), AttemptStatus.DEFERRED, "4.7.5 TLSA lookup failed");
      AttemptRecord bobSecond = SampleAttempts.delivered(now.plusSeconds(70));
      queue.record(id, 1, carolFirst);
      queue.record(id, 0, bobFirst);
      queue.record(id, 0, bobSecond);

      assertEquals(
          List.of(
              new RecordedAttempt(0, "bob@example.net", 1, bobFirst),
              new RecordedAttempt(1, "carol@example.com", 1, carolFirst),
              new RecordedAttempt(0, "bob@example.net", 2, bobSecond)),
          queue.attempts(id));
    }
  }

  @Test
  void cutsAnOverlongRemoteReplyToTheColumnSize() throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net");
      String huge = "550 5.7.1 " + "x".repeat(10_000);

      queue.record(id, 0, SampleAttempts.attempt(AttemptStatus.BOUNCED, huge, now));

      assertEquals(4096, queue.attempts(id).get(0).attempt().reply().length());
      assertEquals(4096, queue.find(id).orElseThrow().recipients().get(0).lastReply().length());
    }
  }

  @Test
  void refusesToRecordForAnUnknownRecipient() throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net");

      assertThrows(
          IllegalArgumentException.class, () -> queue.record(id, 1, SampleAttempts.delivered(now)));
      assertThrows(
          IllegalArgumentException.class,
          () -> queue.record(queue.newId(), 0, SampleAttempts.delivered(now)));
      assertEquals(List.of(), queue.attempts(id));
      assertEquals(0, queue.find(id).orElseThrow().recipients().get(0).attempts());
    }
  }

  @Test
  void statesAndAttemptsSurviveAReopenWhileTheClaimOfTheDeadRunIsTakenBack() throws Exception {
    String id;
    List<RecordedAttempt> attempts;
    try (MessageQueue queue = open()) {
      id = queued(queue, "bob@example.net", "carol@example.com", "dave@example.org");
      queue.claimDue(now, LEASE, 10);
      queue.record(id, 0, SampleAttempts.delivered(now));
      queue.record(id, 1, SampleAttempts.deferred(now));
      attempts = queue.attempts(id); // dave stays leased: his worker "crashes"
    }

    try (MessageQueue queue = open()) {
      List<QueuedRecipient> recipients = queue.find(id).orElseThrow().recipients();
      assertEquals(
          List.of(RecipientState.DELIVERED, RecipientState.DEFERRED, RecipientState.QUEUED),
          recipients.stream().map(QueuedRecipient::state).toList());
      assertEquals(now.plus(Duration.ofMinutes(1)), recipients.get(1).nextAttempt());
      assertEquals(attempts, queue.attempts(id));
      // ADR 0006: dave's claim belonged to the run before, which is gone: he is due at once, not
      // when the lease runs out. Carol waits for her retry.
      assertEquals(1, queue.startupReport().claimsTakenBack());
      assertEquals(List.of(id + "/2"), keys(queue.claimDue(now.plusSeconds(1), LEASE, 10)));
      assertEquals(List.of(id + "/1"), keys(queue.claimDue(now.plus(LEASE), LEASE, 10)));
    }
  }
}
