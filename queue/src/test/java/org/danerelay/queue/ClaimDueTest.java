package org.danerelay.queue;

import static org.danerelay.queue.SampleAttempts.LEASE;
import static org.danerelay.queue.SampleAttempts.keys;
import static org.danerelay.queue.SampleAttempts.queued;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ClaimDueTest {

  @TempDir Path spool;

  /** The queue database: the embedded H2 index here; PostgreSQL in the OnPostgres subclass. */
  String jdbcUrl() {
    return null;
  }

  private final SteppingClock clock = new SteppingClock(Instant.parse("2025-06-01T12:00:05Z"));

  private MessageQueue open() {
    return MessageQueue.open(
        new QueueSettings(spool, jdbcUrl(), clock)
            .withRetry(RetrySchedule.parse("1m,5m", SampleAttempts.NO_JITTER)));
  }

  @Test
  void claimsOnlyDueRecipientsAndLeasesThemUntilNowPlusTheLease() throws Exception {
    try (MessageQueue queue = open()) {
      Instant early = clock.instant();
      String due = queued(queue, "bob@example.net");
      clock.advanceMillis(Duration.ofMinutes(10).toMillis());
      queued(queue, "carol@example.net"); // due ten minutes later

      List<DueRecipients> claimed = queue.claimDue(early.plusSeconds(60), LEASE, 10);

      assertEquals(
          List.of(
              new DueRecipients(
                  due,
                  "alice@example.org",
                  SampleMail.RECEIVED,
                  "example.net",
                  early.plusSeconds(60).plus(LEASE),
                  List.of(new ClaimedRecipient(0, "bob@example.net", 0, null)),
                  BodyType.SEVEN_BIT,
                  queue.find(due).orElseThrow().size(),
                  TlsRequired.DEFAULT)),
          claimed);
    }
  }

  @Test
  void releasedRecipientsCanBeClaimedAgainAtOnceButALeaseThatChangedHandsStays() throws Exception {
    try (MessageQueue queue = open()) {
      queued(queue, "bob@example.net");
      Instant now = clock.instant();
      DueRecipients first = queue.claimDue(now, LEASE, 10).get(0);
      assertEquals(List.of(), queue.claimDue(now, LEASE, 10), "leased");

      queue.release(first);
      List<DueRecipients> again = queue.claimDue(now.plusSeconds(1), LEASE, 10);
      queue.release(first); // an old claim's release does not end the new lease

      assertEquals(1, again.size());
      assertEquals(List.of(), queue.claimDue(now.plusSeconds(2), LEASE, 10));
    }
  }

  @Test
  void groupsClaimedRecipientsByMessageAndLowerCaseDomain() throws Exception {
    try (MessageQueue queue = open()) {
      String id =
          queued(
              queue, "bob@Example.NET", "carol@other.org", "dave@example.net", "\"a@b\"@other.org");

      List<DueRecipients> claimed = queue.claimDue(clock.instant(), LEASE, 10);

      assertEquals(2, claimed.size());
      assertEquals(id, claimed.get(0).messageId());
      assertEquals("example.net", claimed.get(0).domain());
      assertEquals(
          List.of("bob@Example.NET", "dave@example.net"),
          claimed.get(0).recipients().stream().map(ClaimedRecipient::address).toList());
      assertEquals("other.org", claimed.get(1).domain());
      assertEquals(
          List.of(1, 3), claimed.get(1).recipients().stream().map(ClaimedRecipient::idx).toList());
    }
  }

  @Test
  void aSecondClaimDoesNotReturnLeasedRecipients() throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net", "carol@example.com", "dave@example.org");
      Instant now = clock.instant();

      List<DueRecipients> first = queue.claimDue(now, LEASE, 2);
      List<DueRecipients> second = queue.claimDue(now.plusSeconds(1), LEASE, 10);
      List<DueRecipients> third = queue.claimDue(now.plusSeconds(2), LEASE, 10);

      assertEquals(List.of(id + "/0", id + "/1"), keys(first));
      assertEquals(List.of(id + "/2"), keys(second));
      assertEquals(List.of(), third);
    }
  }

  @Test
  void anExpiredLeaseMakesTheRecipientClaimableAgain() throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net");
      Instant now = clock.instant();
      queue.claimDue(now, LEASE, 10); // this worker dies without recording anything

      assertEquals(List.of(), queue.claimDue(now.plus(LEASE).minusMillis(1), LEASE, 10));
      List<DueRecipients> again = queue.claimDue(now.plus(LEASE), LEASE, 10);

      assertEquals(List.of(id + "/0"), keys(again));
      assertEquals(now.plus(LEASE).plus(LEASE), again.get(0).leaseUntil());
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void eightThreadsClaimingAtOnceNeverGetTheSameRecipientTwice() throws Exception {
    int messages = 40;
    int recipientsEach = 3;
    try (MessageQueue queue = open()) {
      for (int i = 0; i < messages; i++) {
        SampleMail.commit(
            queue,
            SampleMail.envelope("a" + i + "@example.net", "b" + i + "@example.com", "c@x" + i),
            SampleMail.body("load " + i));
      }
      assertEquals(messages, queue.messageCount());
      Instant now = clock.instant();
      ConcurrentLinkedQueue<String> claimed = new ConcurrentLinkedQueue<>();
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService workers = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          done.add(
              workers.submit(
                  () -> {
                    start.await();
                    for (List<DueRecipients> batch = queue.claimDue(now, LEASE, 4);
                        !batch.isEmpty();
                        batch = queue.claimDue(now, LEASE, 4)) {
                      claimed.addAll(keys(batch));
                    }
                    return null;
                  }));
        }
        start.countDown();
        for (Future<?> worker : done) {
          worker.get();
        }
      } finally {
        workers.shutdownNow();
      }

      assertEquals(messages * recipientsEach, claimed.size());
      assertEquals(messages * recipientsEach, new HashSet<>(claimed).size());
    }
  }

  @Test
  void flushMakesDeferredRecipientsOfOneMessageOrAllDueNow() throws Exception {
    try (MessageQueue queue = open()) {
      String first = queued(queue, "bob@example.net");
      String second = queued(queue, "carol@example.net");
      Instant now = clock.instant();
      queue.claimDue(now, LEASE, 10);
      queue.record(first, 0, SampleAttempts.deferred(now));
      queue.record(second, 0, SampleAttempts.deferred(now));
      assertEquals(List.of(), queue.claimDue(now, LEASE, 10));

      assertEquals(1, queue.flush(Optional.of(first)));
      assertEquals(List.of(first + "/0"), keys(queue.claimDue(now, LEASE, 10)));

      assertEquals(1, queue.flush(Optional.empty()), "the first is in flight: passed over");
      assertEquals(List.of(second + "/0"), keys(queue.claimDue(now, LEASE, 10)));
      assertEquals(0, queue.flush(Optional.of(first)), "still in flight: nothing made due");
      assertTrue(
          queue.find(second).orElseThrow().recipients().get(0).nextAttempt().equals(now),
          "flushed recipients are due at the clock's now");
    }
  }

  @Test
  void finalRecipientsAreNeverClaimed() throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net", "carol@example.net");
      Instant now = clock.instant();
      queue.claimDue(now, LEASE, 10);
      queue.record(id, 0, SampleAttempts.delivered(now));
      queue.record(id, 1, SampleAttempts.bounced(now));

      assertEquals(0, queue.flush(Optional.of(id)));
      assertEquals(List.of(), queue.claimDue(now.plus(Duration.ofDays(1)), LEASE, 10));
    }
  }
}
