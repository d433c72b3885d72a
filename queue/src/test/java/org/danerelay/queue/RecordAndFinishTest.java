package org.danerelay.queue;

import static org.danerelay.queue.SampleAttempts.queued;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A worker's last word on a recipient, recorded and the message finished in one commit. */
class RecordAndFinishTest {

  @TempDir Path spool;

  /** The queue database: the embedded H2 index here; PostgreSQL in the OnPostgres subclass. */
  String jdbcUrl() {
    return null;
  }

  private final Instant now = SampleMail.CLOCK.instant();

  private MessageQueue open() {
    return MessageQueue.open(SampleMail.settings(spool, jdbcUrl()));
  }

  @Test
  void finishesAMessageWithItsLastRecipientAndNotBefore() throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net", "carol@example.com");
      List<FinishedMessage> dsns = new ArrayList<>();

      assertInstanceOf(
          RecordOutcome.Bounced.class,
          queue.recordAndFinish(id, 1, SampleAttempts.bounced(now), dsns::add));
      assertTrue(SampleMail.bodyKept(spool, jdbcUrl(), id), "bob is still pending");
      assertEquals(List.of(), dsns);

      assertInstanceOf(
          RecordOutcome.Delivered.class,
          queue.recordAndFinish(id, 0, SampleAttempts.delivered(now), dsns::add));
      assertFalse(SampleMail.bodyKept(spool, jdbcUrl(), id));
      assertEquals(List.of(), queue.list());
      assertEquals(1, dsns.size());
      assertEquals(
          List.of("carol@example.com"),
          dsns.get(0).bounced().stream().map(QueuedRecipient::address).toList());
    }
    try (MessageQueue reopened = open()) {
      assertEquals(0, reopened.messageCount());
    }
  }

  @Test
  void keepsTheAttemptWhenTheDsnCannotBeQueuedAndFinishesLater() throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net");

      queue.recordAndFinish(
          id,
          0,
          SampleAttempts.bounced(now),
          message -> {
            throw new IllegalStateException("the DSN could not be queued");
          });

      assertTrue(SampleMail.bodyKept(spool, jdbcUrl(), id));
      assertEquals(
          RecipientState.BOUNCED, queue.find(id).orElseThrow().recipients().get(0).state());
      assertEquals(1, queue.attempts(id).size());
      assertEquals(List.of(id), queue.idsReadyToFinish());
      assertTrue(queue.finishIfDone(id).isPresent());
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void workersOfOneMessageTakeTurnsAndExactlyOneFinishesIt() throws Exception {
    int messages = 40;
    try (MessageQueue queue = open()) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < messages; i++) {
        ids.add(queued(queue, "bob@example.net", "carol@example.com"));
      }
      List<String> finished = new CopyOnWriteArrayList<>();
      ExecutorService workers = Executors.newFixedThreadPool(3);
      try {
        List<Callable<Void>> work = new ArrayList<>();
        for (int idx = 0; idx < 2; idx++) {
          int recipient = idx;
          work.add(
              () -> {
                for (String id : ids) {
                  queue.recordAndFinish(
                      id, recipient, SampleAttempts.delivered(now), m -> finished.add(m.id()));
                }
                return null;
              });
        }
        // The postmaster holds each message meanwhile: his lock order is the workers' order.
        work.add(
            () -> {
              for (String id : ids) {
                queue.postmaster().hold(id);
              }
              return null;
            });
        for (Future<Void> done : workers.invokeAll(work, 45, TimeUnit.SECONDS)) {
          done.get(); // a deadlock would have timed out: cancelled, and get() throws
        }
      } finally {
        workers.shutdownNow();
      }
      assertEquals(messages, finished.size());
      assertEquals(messages, finished.stream().distinct().count());
      assertEquals(List.of(), queue.list());
    }
  }
}
