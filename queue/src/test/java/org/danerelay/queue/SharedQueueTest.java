package org.danerelay.queue;

import static org.danerelay.queue.SampleAttempts.LEASE;
import static org.danerelay.queue.SampleAttempts.delivered;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The queue on a private PostgreSQL: bodies in the database, claimed, delivered, removed. */
@Timeout(120)
class SharedQueueTest {

  @TempDir Path spool;

  private String url;

  @BeforeEach
  void database() {
    url = PrivatePostgres.get().newDatabase();
  }

  private MessageQueue open(Path spoolDir, String node) {
    return MessageQueue.open(new QueueSettings(spoolDir, url, SampleMail.CLOCK).withNode(node));
  }

  @Test
  void aBodyOfManyChunksIsKeptInTheDatabaseAndReadBackWhole() throws Exception {
    long bytes = 5L * BodyChunks.CHUNK_BYTES + 123; // six chunks, the last one short
    String id;
    String written;
    try (MessageQueue queue = open(spool, "mx1")) {
      id = queue.newId();
      try (SpoolWriter writer = queue.create(id, SampleMail.envelope("bob@example.net"))) {
        written = SampleMail.writePseudoRandomBody(writer.body(), bytes);
        writer.commit();
      }
      assertEquals(bytes, queue.find(id).orElseThrow().size());
    }
    try (Stream<Path> files = Files.walk(spool)) {
      assertEquals(
          List.of(),
          files.filter(Files::isRegularFile).filter(this::notMarker).toList(),
          "no body stays in this node's spool folder");
    }
    assertEquals(6, count("SELECT COUNT(*) FROM message_body"));
    try (MessageQueue other = open(Files.createDirectories(spool.resolve("node2")), "mx2")) {
      assertEquals(written, SampleMail.sha256OfBody(other, id), "another node reads it");
    }
  }

  @Test
  void emptyAndChunkSizedBodiesComeBackExactly() throws Exception {
    try (MessageQueue queue = open(spool, "mx1")) {
      for (int size : new int[] {0, BodyChunks.CHUNK_BYTES, 2 * BodyChunks.CHUNK_BYTES}) {
        byte[] body = new byte[size];
        for (int i = 0; i < size; i++) {
          body[i] = (byte) (i * 31);
        }
        String id = SampleMail.commit(queue, SampleMail.envelope("bob@example.net"), body);
        assertArrayEquals(body, SampleMail.readBody(queue, id), size + " bytes");
      }
    }
  }

  @Test
  void bodiesCommittedAtOnceGoInTogetherAndEachComesBackAsWritten() throws Exception {
    long[] sizes = {0, 100, 4096, BodyChunks.CHUNK_BYTES, 1_200_000, 70_000, 1, 300_000};
    try (MessageQueue queue = open(spool, "mx1")) {
      ExecutorService sessions = Executors.newFixedThreadPool(sizes.length);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String[]>> committed = new ArrayList<>();
        for (long size : sizes) {
          committed.add(
              sessions.submit(
                  () -> {
                    start.await();
                    String id = queue.newId();
                    try (SpoolWriter writer =
                        queue.create(id, SampleMail.envelope("bob@example.net"))) {
                      String written = SampleMail.writePseudoRandomBody(writer.body(), size);
                      writer.commit(); // the index writer batches what comes in together
                      return new String[] {id, written};
                    }
                  }));
        }
        start.countDown();
        for (Future<String[]> message : committed) {
          String[] idAndHash = message.get(60, TimeUnit.SECONDS);
          assertEquals(idAndHash[1], SampleMail.sha256OfBody(queue, idAndHash[0]));
        }
      } finally {
        sessions.shutdownNow();
      }
    }
  }

  @Test
  void aFinishedMessageTakesItsBodyWithIt() throws Exception {
    try (MessageQueue queue = open(spool, "mx1")) {
      String id = SampleAttempts.queued(queue, "bob@example.net");
      Instant now = SampleMail.CLOCK.instant();
      DueRecipients due = queue.claimDue(now, LEASE, 10).get(0);
      queue.recordAndFinish(id, 0, delivered(now), finished -> {});

      assertEquals(Optional.empty(), queue.find(id));
      assertEquals(0, count("SELECT COUNT(*) FROM message_body"));
      assertThrows(NoSuchFileException.class, () -> queue.openBody(due.messageId()));
    }
  }

  @Test
  void anUnwrittenMessageLeavesNoRowsAndNoFile() throws Exception {
    try (MessageQueue queue = open(spool, "mx1")) {
      String id = queue.newId();
      try (SpoolWriter writer = queue.create(id, SampleMail.envelope("bob@example.net"))) {
        OutputStream out = writer.body();
        out.write(SampleMail.body("never committed"));
      }
      assertEquals(Optional.empty(), queue.find(id));
      assertEquals(0, count("SELECT COUNT(*) FROM message"));
      try (Stream<Path> files = Files.list(spool.resolve("incoming"))) {
        assertEquals(0, files.count());
      }
    }
  }

  @Test
  void theSchemaHasTheBodyTableOnlyOnPostgresql() throws Exception {
    try (MessageQueue queue = open(spool, "mx1")) {
      assertTrue(queue.startupReport().summary().contains("queue opened"));
    }
    assertEquals(
        1,
        count("SELECT COUNT(*) FROM flyway_schema_history WHERE script = 'V6__message_body.sql'"));
  }

  @Test
  void aNodeSwitchedFromH2WithMailStillInItsSpoolRefusesToStartRatherThanStrandIt()
      throws Exception {
    try (MessageQueue h2 = MessageQueue.open(SampleMail.settings(spool))) {
      SampleAttempts.queued(h2, "bob@example.net");
    }

    QueueException refused = assertThrows(QueueException.class, () -> open(spool, "mx1"));

    assertTrue(
        refused.getMessage().startsWith("1 messages of the earlier H2 queue"), refused::getMessage);
    assertTrue(refused.getMessage().contains("start once with the old queue.url"));
    try (MessageQueue h2 = MessageQueue.open(SampleMail.settings(spool))) {
      assertEquals(1, h2.messageCount(), "the mail is still there for the old queue");
    }
  }

  @Test
  void whileTheDatabaseIsDownEverySessionHearsOfItsFailureAndLeavesNoFileAndTheQueueResumes()
      throws Exception {
    PrivatePostgres server = PrivatePostgres.get();
    try (MessageQueue queue = open(spool, "mx1")) {
      server.stop();
      List<Exception> failures = new ArrayList<>();
      try {
        ExecutorService sessions = Executors.newFixedThreadPool(8);
        List<Future<Exception>> outcomes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          outcomes.add(sessions.submit(() -> commitFailure(queue)));
        }
        for (Future<Exception> outcome : outcomes) {
          failures.add(outcome.get(60, TimeUnit.SECONDS));
        }
        sessions.shutdown();
      } finally {
        server.start();
      }

      for (Exception failure : failures) {
        assertTrue(failure instanceof QueueException, String.valueOf(failure));
        // Not "did not confirm": a session that gives up waiting leaves its file behind.
        assertTrue(failure.getMessage().startsWith("could not index"), failure.getMessage());
      }
      try (Stream<Path> files = Files.list(spool.resolve("incoming"))) {
        assertEquals(0, files.count(), "nothing half-stored");
      }
      String id = commitWithin(queue, Duration.ofSeconds(30));
      assertTrue(queue.find(id).isPresent(), "accepted again once the database is back");
    }
  }

  /** Commits one message; the exception it failed with, or null if it was stored. */
  private static Exception commitFailure(MessageQueue queue) {
    try {
      SampleMail.commit(queue, SampleMail.envelope("bob@example.net"), SampleMail.body("down"));
      return null;
    } catch (Exception e) {
      return e;
    }
  }

  /** Commits one message, trying again every 200 ms while the pool reconnects. */
  private static String commitWithin(MessageQueue queue, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      try {
        return SampleMail.commit(
            queue, SampleMail.envelope("bob@example.net"), SampleMail.body("up"));
      } catch (QueueException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  @Test
  void thePasswordInTheUrlIsNeverLogged() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    root.addAppender(logged);
    try (MessageQueue queue =
        MessageQueue.open(
            new QueueSettings(spool, url + "&password=s3cr3t-pw", SampleMail.CLOCK)
                .withNode("mx1"))) {
      SampleAttempts.queued(queue, "bob@example.net");
    } finally {
      root.detachAppender(logged);
    }
    List<String> lines = logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertTrue(lines.stream().anyMatch(line -> line.contains("password=***")), lines::toString);
    assertTrue(lines.stream().noneMatch(line -> line.contains("s3cr3t-pw")), lines::toString);
  }

  private boolean notMarker(Path file) {
    return !file.getFileName().toString().equals("running");
  }

  private int count(String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
