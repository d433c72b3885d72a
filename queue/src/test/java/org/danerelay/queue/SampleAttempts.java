package org.danerelay.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;

/** Attempts, schedules and claims shared by the delivery tests. */
final class SampleAttempts {

  /** A jitter source that always lands in the middle: no jitter at all. */
  static final RandomGenerator NO_JITTER = () -> Long.MIN_VALUE; // nextDouble() == 0.5

  static final Duration LEASE = Duration.ofMinutes(10);

  private SampleAttempts() {}

  static AttemptRecord delivered(Instant finishedAt) {
    return attempt(AttemptStatus.DELIVERED, "250 2.0.0 Ok: queued as 4Xk", finishedAt);
  }

  static AttemptRecord deferred(Instant finishedAt) {
    return attempt(AttemptStatus.DEFERRED, "451 4.7.1 Greylisted, try later", finishedAt);
  }

  static AttemptRecord bounced(Instant finishedAt) {
    return attempt(AttemptStatus.BOUNCED, "550 5.1.1 No such user", finishedAt);
  }

  static AttemptRecord attempt(AttemptStatus status, String reply, Instant finishedAt) {
    return new AttemptRecord(
        finishedAt.minusSeconds(2),
        finishedAt,
        "mx1.example.net",
        "192.0.2.10",
        25,
        "dane",
        "3 1 1 8b2f...",
        status,
        reply);
  }

  /** Commits a message and waits until it is indexed, so that claims can see it. */
  static String queued(MessageQueue queue, String... recipients) throws Exception {
    String id =
        SampleMail.commit(queue, SampleMail.envelope(recipients), SampleMail.body("delivery"));
    queue.messageCount(); // reads wait for the index writer
    return id;
  }

  /** The (message, recipient index) pairs of a claim, one string each. */
  static List<String> keys(List<DueRecipients> claimed) {
    return claimed.stream()
        .flatMap(d -> d.recipients().stream().map(r -> d.messageId() + "/" + r.idx()))
        .toList();
  }
}
