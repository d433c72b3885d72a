package org.danerelay.server.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.SmtpTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 10, faults on the way in: a full disk or an index that cannot commit is the client's {@code
 * 451 4.3.0}, nothing half-stored stays behind, and the listener goes on serving, on real full file
 * systems (a small tmpfs per test) with a real client and a real next hop on loopback.
 */
@Timeout(120)
class StoreFaultTest {

  private static final String NOT_QUEUED = "451 4.3.0 Local error in processing; not queued";
  private static final Duration DELIVERY_WAIT = Duration.ofSeconds(60);

  @TempDir Path folder;
  private final ListAppender<ILoggingEvent> ingestLog = new ListAppender<>();
  private SmallFileSystem disk;
  private MailSink sink;
  private RelayFixture relay;

  @BeforeEach
  void listen() {
    ingestLog.start();
    ingestLogger().addAppender(ingestLog);
    sink = new MailSink();
  }

  @AfterEach
  void stop() {
    ingestLogger().detachAppender(ingestLog);
    try {
      if (relay != null) {
        relay.close();
      }
      sink.close();
    } finally {
      if (disk != null) {
        disk.close(); // always: a mount left behind would outlive the test run
      }
    }
  }

  @Test
  void answers451WhenTheSpoolIsFullWhileTheBodyIsWrittenAndServesAgainOnceSpaceIsBack()
      throws Exception {
    disk = SmallFileSystem.mount(folder.resolve("data"), "4m");
    relay = startDelivering();
    // 64 KiB left passes the MAIL-time check (smtpd.min-free-space=1 here); the body does not fit.
    disk.fillLeaving(64 * 1024);
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      // 200 KB: more than the spool's 16 KiB buffer, so the write fails in the middle of DATA
      assertEquals(NOT_QUEUED, client.sendMail("a@example.org", body("lost", 200_000), RCPT));
      assertNothingSpooled();
      assertEquals("250 Ok", client.command("RSET"));

      disk.free();
      assertQueued(client.sendMail("a@example.org", body("same-session", 500), RCPT));
    }
    assertANewClientIsServed();
    assertDeliveredExactly("same-session", "new-client");
    assertOneErrorLineSaying("No space left on device");
  }

  @Test
  void answers451WhenTheBodyTakesTheLastSpaceAndTheIndexCannotCommit() throws Exception {
    disk = SmallFileSystem.mount(folder.resolve("data"), "4m");
    relay = startDelivering();
    // One page: the spool file fits, the index's next chunk does not.
    disk.fillLeaving(4096);
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      assertEquals(NOT_QUEUED, client.sendMail("a@example.org", body("lost", 500), RCPT));
      assertNothingSpooled();
      assertEquals("250 Ok", client.command("RSET"));

      disk.free();
      assertQueued(client.sendMail("a@example.org", body("same-session", 500), RCPT));
    }
    assertANewClientIsServed();
    assertDeliveredExactly("same-session", "new-client");
    assertOneErrorLineSaying("cannot commit to the queue");
  }

  @Test
  void answers451WhenTheIndexFileSystemIsFullAtCommitAndTheSpoolHasRoom() throws Exception {
    disk = SmallFileSystem.mount(folder.resolve("index"), "4m");
    relay =
        startDelivering(
            "queue.url=jdbc:h2:file:" + folder.resolve("index/queue") + ";WRITE_DELAY=0");
    disk.fillLeaving(0);
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      assertEquals(NOT_QUEUED, client.sendMail("a@example.org", body("lost", 500), RCPT));
      assertNothingSpooled();
      assertEquals("250 Ok", client.command("RSET"));

      disk.free();
      assertQueued(client.sendMail("a@example.org", body("same-session", 500), RCPT));
    }
    assertANewClientIsServed();
    assertDeliveredExactly("same-session", "new-client");
    assertOneErrorLineSaying("cannot commit to the queue");
  }

  private static final String RCPT = "bob@ext.test";

  private RelayFixture startDelivering(String... more) throws IOException {
    Path routes =
        Files.writeString(folder.resolve("routes"), "ext.test [127.0.0.1]:" + sink.port());
    List<String> overrides =
        Stream.concat(
                Stream.of(
                    "delivery.hold=false",
                    "delivery.routes=" + routes,
                    "tls.policy=may",
                    // These faults are past the MAIL-time check: it must not refuse first.
                    "smtpd.min-free-space=1"),
                Stream.of(more))
            .toList();
    return RelayFixture.start(folder, overrides.toArray(String[]::new));
  }

  private static String body(String subject, int size) {
    String line = "x".repeat(70) + "\r\n";
    return "Subject: " + subject + "\r\n\r\n" + line.repeat(size / line.length()) + "end";
  }

  /** No spool file in any state: neither one being written nor one that could be delivered. */
  private void assertNothingSpooled() throws IOException {
    Path queue = folder.resolve("data/queue");
    for (String dir : List.of("incoming", "messages")) {
      try (Stream<Path> files = Files.list(queue.resolve(dir))) {
        assertEquals(List.of(), files.toList(), dir + "/ after the fault");
      }
    }
  }

  private static void assertQueued(String reply) {
    assertTrue(reply.startsWith("250 2.0.0 Ok: queued as "), reply);
  }

  private void assertANewClientIsServed() throws IOException {
    try (SmtpTestClient other = relay.connect()) {
      other.hello();
      assertQueued(other.sendMail("c@example.org", body("new-client", 500), RCPT));
    }
  }

  /** The next hop gets the accepted messages, once each, and never the refused one. */
  private void assertDeliveredExactly(String... subjects) throws InterruptedException {
    List<String> received = sink.awaitReceived(subjects.length, DELIVERY_WAIT);
    List<String> got =
        received.stream()
            .map(m -> m.replaceAll("(?s).*?\r\nSubject: ([a-z-]+)\r\n.*", "$1"))
            .sorted()
            .toList();
    assertEquals(Stream.of(subjects).sorted().toList(), got);
  }

  /** One ERROR line from the ingest names the fault, without a stack trace. */
  private void assertOneErrorLineSaying(String reason) {
    List<ILoggingEvent> errors =
        ingestLog.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).getFormattedMessage().contains(reason), errors.toString());
    assertNull(errors.get(0).getThrowableProxy(), "no stack trace");
  }

  private static Logger ingestLogger() {
    return (Logger) LoggerFactory.getLogger(MessageIngest.class);
  }
}
