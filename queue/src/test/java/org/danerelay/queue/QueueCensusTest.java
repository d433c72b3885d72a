package org.danerelay.queue;

import static org.danerelay.queue.SampleAttempts.LEASE;
import static org.danerelay.queue.SampleAttempts.queued;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue's census for monitoring: recipients by state and the oldest pending message. */
class QueueCensusTest {

  private static final Duration LIMIT = Duration.ofSeconds(5);

  @TempDir Path spool;

  /** The queue database: the embedded H2 index here; PostgreSQL in the OnPostgres subclass. */
  String jdbcUrl() {
    return null;
  }

  private final Instant now = SampleMail.CLOCK.instant();

  @Test
  void anEmptyQueueCountsZeroInEveryStateAndHasNothingPending() {
    try (MessageQueue queue = MessageQueue.open(SampleMail.settings(spool, jdbcUrl()))) {
      QueueCensus census = queue.census(LIMIT);

      for (RecipientState state : RecipientState.values()) {
        assertEquals(0, census.count(state), state::name);
      }
      assertEquals(Optional.empty(), census.oldestPending());
    }
  }

  @Test
  void countsRecipientsByStateAndDatesTheOldestMessageStillPending() throws Exception {
    try (MessageQueue queue = MessageQueue.open(SampleMail.settings(spool, jdbcUrl()))) {
      Instant older = Instant.parse("2025-06-01T11:00:00Z");
      Instant newer = Instant.parse("2025-06-01T11:30:00Z");
      String done = commit(queue, older, "done@example.net");
      commit(queue, newer, "bob@example.net", "carol@example.net");
      queue.claimDue(now, LEASE, 10);
      queue.record(done, 0, SampleAttempts.delivered(now));
      String waiting = queue.list().get(1).id();
      queue.record(waiting, 1, SampleAttempts.deferred(now));

      QueueCensus census = queue.census(LIMIT);

      assertEquals(1, census.count(RecipientState.DELIVERED));
      assertEquals(1, census.count(RecipientState.QUEUED));
      assertEquals(1, census.count(RecipientState.DEFERRED));
      assertEquals(0, census.count(RecipientState.BOUNCED));
      // The older message is delivered: only the newer one still waits.
      assertEquals(Optional.of(newer), census.oldestPending());
    }
  }

  @Test
  void aClosedQueueFailsTheCensusAndThePing() throws Exception {
    MessageQueue queue = MessageQueue.open(SampleMail.settings(spool, jdbcUrl()));
    queued(queue, "bob@example.net");
    queue.ping(LIMIT);
    queue.close();

    assertThrows(QueueException.class, () -> queue.ping(LIMIT));
    assertThrows(QueueException.class, () -> queue.census(LIMIT));
  }

  @Test
  void everyStateIsCountedEvenWhenGivenPartly() {
    QueueCensus census = new QueueCensus(Map.of(RecipientState.QUEUED, 3L), Optional.empty());

    assertEquals(List.of(RecipientState.values()), List.copyOf(census.recipients().keySet()));
    assertEquals(3, census.count(RecipientState.QUEUED));
  }

  private static String commit(MessageQueue queue, Instant received, String... recipients)
      throws Exception {
    Envelope envelope =
        new Envelope(
            "alice@example.org", List.of(recipients), "192.0.2.25", "mail.example.org", received);
    String id = SampleMail.commit(queue, envelope, SampleMail.body("census"));
    queue.messageCount(); // reads wait for the index writer
    return id;
  }
}
