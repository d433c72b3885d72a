package org.danerelay.queue;

import static org.danerelay.queue.SampleAttempts.queued;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A sender hears once that the message is delayed (RFC 3464 "Action: delayed"), never twice. */
class DelayWarningTest {

  private static final int THREADS = 8;

  @TempDir Path spool;

  /** The queue database: the embedded H2 index here; PostgreSQL in the OnPostgres subclass. */
  String jdbcUrl() {
    return null;
  }

  private final Instant now = SampleMail.CLOCK.instant();
  private final Instant later = now.plus(Duration.ofHours(4));

  private MessageQueue open() {
    return MessageQueue.open(SampleMail.settings(spool, jdbcUrl()));
  }

  @Test
  void marksADelayedMessageOnceAndRemembersWhen() throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net");
      assertEquals(Optional.empty(), queue.find(id).orElseThrow().delayWarnedAt());

      assertTrue(queue.markDelayWarned(id, later));
      assertFalse(queue.markDelayWarned(id, later.plusSeconds(60)));

      assertEquals(Optional.of(later), queue.find(id).orElseThrow().delayWarnedAt());
    }
  }

  @Test
  void stillRefusesASecondWarningAfterARestart() throws Exception {
    String id;
    try (MessageQueue queue = open()) {
      id = queued(queue, "bob@example.net");
      assertTrue(queue.markDelayWarned(id, later));
    }

    try (MessageQueue queue = open()) {
      assertFalse(queue.markDelayWarned(id, later.plusSeconds(60)));
      assertEquals(Optional.of(later), queue.find(id).orElseThrow().delayWarnedAt());
    }
  }

  @Test
  void refusesUnknownDoneAndFinishedMessages() throws Exception {
    try (MessageQueue queue = open()) {
      String done = queued(queue, "bob@example.net");
      queue.record(done, 0, SampleAttempts.delivered(now));
      String finished = queued(queue, "carol@example.com");
      queue.record(finished, 0, SampleAttempts.bounced(now));
      queue.finishIfDone(finished).orElseThrow();

      assertFalse(queue.markDelayWarned(queue.newId(), later));
      assertFalse(queue.markDelayWarned(done, later)); // it needs no warning, only finishing
      assertFalse(queue.markDelayWarned(finished, later));
      assertEquals(Optional.empty(), queue.find(done).orElseThrow().delayWarnedAt());
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void exactlyOneOfSeveralThreadsGetsToWarn() throws Exception {
    try (MessageQueue queue = open()) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        ids.add(queued(queue, "bob" + i + "@example.net"));
      }
      ExecutorService workers = Executors.newFixedThreadPool(THREADS);
      try {
        for (String id : ids) {
          assertEquals(1, winners(workers, queue, id), id);
        }
      } finally {
        workers.shutdownNow();
      }
    }
  }

  private int winners(ExecutorService workers, MessageQueue queue, String id) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<Boolean>> marks = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      marks.add(
          () -> {
            start.await(); // all at once, as far as the scheduler allows
            return queue.markDelayWarned(id, later);
          });
    }
    List<Future<Boolean>> results = new ArrayList<>();
    for (Callable<Boolean> mark : marks) {
      results.add(workers.submit(mark));
    }
    start.countDown();
    int winners = 0;
    for (Future<Boolean> result : results) {
      winners += result.get() ? 1 : 0;
    }
    return winners;
  }
}
