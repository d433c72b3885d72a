package org.danerelay.queue;

import static org.danerelay.queue.SampleAttempts.queued;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class FinishMessageTest {

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
  void keepsAMessageWhileAnyRecipientIsPending() throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net", "carol@example.com");
      queue.record(id, 0, SampleAttempts.delivered(now));
      queue.record(id, 1, SampleAttempts.deferred(now));

      assertEquals(Optional.empty(), queue.finishIfDone(id));
      assertTrue(SampleMail.bodyKept(spool, jdbcUrl(), id));
      assertEquals(List.of(id), queue.list().stream().map(QueuedMessage::id).toList());
    }
  }

  @Test
  void deletesTheSpoolFileOnlyAfterTheFinalStatesAreCommittedThenTheRows() throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net", "carol@example.com");
      queue.record(id, 0, SampleAttempts.delivered(now));
      queue.record(id, 1, SampleAttempts.bounced(now));
      List<String> seenBeforeRemoval = new ArrayList<>();

      Optional<FinishedMessage> finished =
          queue.finishIfDone(
              id,
              message -> {
                assertTrue(SampleMail.bodyKept(spool, jdbcUrl(), id), "the file is still there");
                queue.find(id).orElseThrow().recipients().stream() // another connection
                    .map(r -> r.state().name())
                    .forEach(seenBeforeRemoval::add);
              });

      assertEquals(List.of("DELIVERED", "BOUNCED"), seenBeforeRemoval);
      FinishedMessage message = finished.orElseThrow();
      assertEquals("alice@example.org", message.sender());
      assertEquals(SampleMail.RECEIVED, message.receivedAt());
      assertEquals(
          List.of("carol@example.com"),
          message.bounced().stream().map(QueuedRecipient::address).toList());
      assertEquals("550 5.1.1 No such user", message.bounced().get(0).lastReply());
      assertFalse(SampleMail.bodyKept(spool, jdbcUrl(), id));
      assertEquals(List.of(), queue.list());
      assertEquals(List.of(), queue.attempts(id));
      assertThrows(NoSuchFileException.class, () -> queue.openBody(id));
    }
    try (MessageQueue reopened = open()) {
      assertEquals(0, reopened.messageCount());
    }
  }

  @Test
  void removesNothingWhenTheStepBeforeRemovalFails() throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net");
      queue.record(id, 0, SampleAttempts.bounced(now));

      assertThrows(
          IllegalStateException.class,
          () ->
              queue.finishIfDone(
                  id,
                  message -> {
                    throw new IllegalStateException("the DSN could not be queued");
                  }));

      assertTrue(SampleMail.bodyKept(spool, jdbcUrl(), id));
      assertEquals(List.of(id), queue.idsReadyToFinish());
      assertTrue(queue.finishIfDone(id).isPresent());
    }
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void handsTheFinishedMessageToExactlyOneOfSeveralCallers() throws Exception {
    try (MessageQueue queue = open()) {
      String id = queued(queue, "bob@example.net");
      queue.record(id, 0, SampleAttempts.bounced(now));
      ExecutorService callers = Executors.newFixedThreadPool(4);
      try {
        Callable<Optional<FinishedMessage>> finish = () -> queue.finishIfDone(id);
        List<Future<Optional<FinishedMessage>>> results =
            callers.invokeAll(List.of(finish, finish, finish, finish));
        int present = 0;
        for (Future<Optional<FinishedMessage>> result : results) {
          present += result.get().isPresent() ? 1 : 0;
        }
        assertEquals(1, present);
      } finally {
        callers.shutdownNow();
      }
      assertEquals(Optional.empty(), queue.finishIfDone(id));
    }
  }

  @Test
  void listsMessagesLeftDoneButUnfinishedByACrashAfterReopen() throws Exception {
    String done;
    try (MessageQueue queue = open()) {
      done = queued(queue, "bob@example.net");
      queued(queue, "carol@example.com"); // still pending
      queue.record(done, 0, SampleAttempts.delivered(now)); // then the process dies
    }

    try (MessageQueue queue = open()) {
      assertEquals(List.of(done), queue.idsReadyToFinish());
      assertTrue(queue.finishIfDone(done).orElseThrow().bounced().isEmpty());
      assertEquals(List.of(), queue.idsReadyToFinish());
      assertEquals(1, queue.messageCount());
    }
  }
}
