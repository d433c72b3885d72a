package org.danerelay.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.danerelay.queue.PrivatePostgres;
import org.danerelay.server.testing.AdminClient;
import org.danerelay.server.testing.MetricsPage;
import org.danerelay.server.testing.QueueCli;
import org.danerelay.server.testing.ReceivingMx;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.RelayPerTest;
import org.danerelay.server.testing.SmtpTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real relays sharing one queue on a private PostgreSQL (issue 14): mail accepted by either is
 * delivered once by one of them to a real SMTP server, and either one's queue commands, health and
 * metrics see the whole queue.
 */
@Timeout(120)
class SharedQueueRelaysTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @RegisterExtension final RelayPerTest relays = new RelayPerTest();
  @TempDir Path folder;

  private ReceivingMx mx;
  private String url;

  @BeforeEach
  void start() {
    mx = new ReceivingMx();
    url = PrivatePostgres.get().newDatabase();
  }

  @AfterEach
  void stop() {
    mx.close();
  }

  private RelayFixture node(String name, String... more) throws Exception {
    List<String> settings =
        new ArrayList<>(
            List.of(
                "queue.url=" + url,
                "node.name=" + name,
                "delivery.routes=" + mx.routesFile(folder, "dest.test", "origin.test"),
                "tls.policy=may",
                "delivery.connection-cache-time=0"));
    settings.addAll(List.of(more));
    return relays.start(settings.toArray(String[]::new));
  }

  @Test
  void mailAcceptedByEitherNodeIsDeliveredExactlyOnce() throws Exception {
    RelayFixture a = node("mx-a", "delivery.hold=false");
    RelayFixture b = node("mx-b", "delivery.hold=false");

    int messages = 40;
    for (int i = 0; i < messages; i++) {
      send(i % 2 == 0 ? a : b, "rcpt" + i + "@dest.test");
    }

    waitFor(() -> mx.received().size() >= messages, "every message at the receiving server");
    waitFor(() -> a.queued().isEmpty() && b.queued().isEmpty(), "an empty shared queue");
    for (int i = 0; i < messages; i++) {
      assertEquals(1, mx.deliveriesTo("rcpt" + i + "@dest.test"), "rcpt" + i);
    }
    assertEquals(messages, mx.received().size(), "no copy more");
  }

  @Test
  void eitherNodeListsHealthAndCountsTheWholeSharedQueue() throws Exception {
    RelayFixture a = node("mx-a"); // delivery held: the mail stays queued
    RelayFixture b = node("mx-b");
    String id = send(a, "bob@dest.test");

    QueueCli.Result list = QueueCli.of(b, Files.createDirectories(folder.resolve("b"))).run("list");

    assertEquals(0, list.exit(), list.err());
    assertTrue(list.out().contains(id), list.out());
    assertTrue(list.out().contains("-- 1 message, 1 recipient pending"), list.out());
    assertEquals(200, AdminClient.get(b.adminPort().orElseThrow(), "/health").status());
    // The census behind the gauges is taken at most once a second.
    waitFor(() -> queuedOn(b) == 1.0, "mx-b's metrics counting mx-a's message");
  }

  @Test
  void aSecondNodeUnderANameInUseDoesNotStart() throws Exception {
    node("mx-a");

    Exception refused = assertThrows(Exception.class, () -> node("mx-a"));

    String why = String.valueOf(refused.getMessage()) + " " + refused.getCause();
    assertTrue(why.contains("node.name 'mx-a' is in use"), why);
  }

  private static double queuedOn(RelayFixture relay) {
    try {
      String page = AdminClient.get(relay.adminPort().orElseThrow(), "/metrics").body();
      return MetricsPage.parse(page).value("danerelay_queue_recipients", "state", "queued");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String send(RelayFixture relay, String recipient) throws Exception {
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      String reply =
          client.sendMail("alice@origin.test", "Subject: shared\r\n\r\nhello\r\n", recipient);
      assertTrue(reply.startsWith("250 2.0.0 Ok: queued as "), reply);
      return reply.substring(reply.lastIndexOf(' ') + 1);
    }
  }

  private static void waitFor(BooleanSupplier condition, String what) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }
}
