package org.danerelay.queue;

import static org.danerelay.queue.SampleAttempts.LEASE;
import static org.danerelay.queue.SampleAttempts.keys;
import static org.danerelay.queue.SampleAttempts.queued;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code queue hold} and {@code queue release}, also while a worker holds a claim (ADR 0011). */
class HoldAndReleaseTest {

  private static final Duration LIFETIME = Duration.ofHours(1);

  @TempDir Path spool;

  /** The queue database: the embedded H2 index here; PostgreSQL in the OnPostgres subclass. */
  String jdbcUrl() {
    return null;
  }

  private final Instant now = SampleMail.CLOCK.instant();

  private MessageQueue open() {
    return MessageQueue.open(
        SampleMail.settings(spool, jdbcUrl())
            .withRetry(RetrySchedule.parse("1m,5m", SampleAttempts.NO_JITTER))
            .withLifetime(LIFETIME));
  }

  @Test
  void holdMakesQueuedAndDeferredRecipientsHeldAndNothingClaimsOrFlushesThem() throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net", "carol@example.com");
      queue.claimDue(now, LEASE, 1);
      queue.record(id, 0, SampleAttempts.deferred(now)); // bob DEFERRED, carol QUEUED

      assertEquals(new CommandOutcome.Changed(2, 0), queue.postmaster().hold(id));

      assertEquals(List.of("HELD", "HELD"), states(queue, id));
      assertEquals(0, queue.flush(Optional.of(id)));
      assertEquals(List.of(), queue.claimDue(now.plus(Duration.ofDays(30)), LEASE, 10));
      assertEquals(new CommandOutcome.Changed(0, 0), queue.postmaster().hold(id));
    }
  }

  @Test
  void releaseMakesHeldRecipientsDueNowAsQueuedOrDeferredAsTheyWere() throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net", "carol@example.com");
      queue.claimDue(now, LEASE, 1);
      queue.record(id, 0, SampleAttempts.deferred(now));
      queue.postmaster().hold(id);

      assertEquals(new CommandOutcome.Changed(2, 0), queue.postmaster().release(id));

      assertEquals(List.of("DEFERRED", "QUEUED"), states(queue, id));
      assertTrue(
          queue.find(id).orElseThrow().recipients().stream()
              .allMatch(r -> r.nextAttempt().equals(now)));
      assertEquals(List.of(id + "/0", id + "/1"), keys(queue.claimDue(now, LEASE, 10)));
    }
  }

  @Test
  void aRecipientHeldInFlightThatDefersStaysHeldAndDoesNotExpire() throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net");
      queue.claimDue(now, LEASE, 10);

      assertEquals(new CommandOutcome.Changed(1, 1), queue.postmaster().hold(id));
      Instant pastLifetime =
          SampleMail.RECEIVED.plus(LIFETIME).plusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
      RecordOutcome outcome = queue.record(id, 0, SampleAttempts.deferred(pastLifetime));

      assertEquals(new RecordOutcome.Held(pastLifetime.plus(Duration.ofMinutes(1))), outcome);
      QueuedRecipient bob = queue.find(id).orElseThrow().recipients().get(0);
      assertEquals(RecipientState.HELD, bob.state());
      assertEquals(Optional.empty(), bob.claimedUntil());
      assertEquals("451 4.7.1 Greylisted, try later", bob.lastReply());
      assertEquals(List.of(), queue.claimDue(pastLifetime.plus(Duration.ofDays(1)), LEASE, 10));
    }
  }

  @Test
  void aRecipientHeldInFlightThatTheAttemptDeliveredIsDeliveredAndItsMessageFinishes()
      throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net");
      queue.claimDue(now, LEASE, 10);
      queue.postmaster().hold(id);

      assertEquals(
          new RecordOutcome.Delivered(), queue.record(id, 0, SampleAttempts.delivered(now)));

      assertTrue(queue.finishIfDone(id).isPresent());
      assertEquals(new CommandOutcome.NotQueued(), queue.postmaster().release(id));
    }
  }

  @Test
  void aClaimNotYetStartedWhenItsMessageWasHeldIsGivenBackAndNotAttempted() throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net");
      String other = queued(queue, "carol@example.net");
      List<DueRecipients> claimed = queue.claimDue(now, LEASE, 10);
      queue.postmaster().hold(id);

      assertEquals(Optional.empty(), queue.confirmClaim(claimed.get(0)));
      assertEquals(Optional.of(claimed.get(1)), queue.confirmClaim(claimed.get(1)));

      QueuedRecipient bob = queue.find(id).orElseThrow().recipients().get(0);
      assertEquals(RecipientState.HELD, bob.state());
      assertEquals(Optional.empty(), bob.claimedUntil(), "given back at once");
      assertEquals(other, claimed.get(1).messageId());
    }
  }

  @Test
  void aClaimWhoseRecipientWasSettledMeanwhileIsNotAttemptedAgain() throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net", "carol@example.net");
      DueRecipients claimed = queue.claimDue(now, LEASE, 10).get(0);
      queue.record(id, 0, SampleAttempts.delivered(now));

      DueRecipients left = queue.confirmClaim(claimed).orElseThrow();

      assertEquals(
          List.of("carol@example.net"),
          left.recipients().stream().map(ClaimedRecipient::address).toList());
    }
  }

  @Test
  void aReleasedRecipientAgesOutAtTheNextDeferralAsBefore() throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net");
      queue.postmaster().hold(id);
      queue.postmaster().release(id);
      queue.claimDue(now, LEASE, 10);
      Instant pastLifetime = SampleMail.RECEIVED.plus(LIFETIME).plusSeconds(1);

      RecordOutcome outcome = queue.record(id, 0, SampleAttempts.deferred(pastLifetime));

      assertEquals(
          new RecordOutcome.Expired("451 4.7.1 Greylisted, try later", SampleMail.RECEIVED),
          outcome);
    }
  }

  @Test
  void aHeldMessageIsNotFinishedAndCountsAsPending() throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net", "carol@example.com");
      queue.claimDue(now, LEASE, 1);
      queue.record(id, 0, SampleAttempts.delivered(now));
      queue.postmaster().hold(id);

      assertEquals(Optional.empty(), queue.finishIfDone(id));
      assertEquals(List.of(), queue.idsReadyToFinish());
    }
    try (MessageQueue reopened = open()) {
      assertEquals(1, reopened.startupReport().pendingRecipients());
    }
  }

  @Test
  void commandsOnAnUnknownIdSayItIsNotQueued() {
    try (MessageQueue queue = open()) {
      String unknown = "0000000000000000";
      assertEquals(new CommandOutcome.NotQueued(), queue.postmaster().hold(unknown));
      assertEquals(new CommandOutcome.NotQueued(), queue.postmaster().release(unknown));
      assertEquals(new CommandOutcome.NotQueued(), queue.postmaster().delete(unknown));
      assertEquals(
          new CommandOutcome.NotQueued(), queue.postmaster().bounce(unknown, finished -> {}));
    }
  }

  private static List<String> states(MessageQueue queue, String id) {
    return queue.find(id).orElseThrow().recipients().stream().map(r -> r.state().name()).toList();
  }
}
