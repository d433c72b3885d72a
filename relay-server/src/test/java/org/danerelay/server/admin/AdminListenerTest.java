package org.danerelay.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.danerelay.queue.RecipientState;
import org.danerelay.server.testing.AdminClient;
import org.danerelay.server.testing.ListeningPorts;
import org.danerelay.server.testing.MetricsPage;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.RelayPerTest;
import org.danerelay.server.testing.SmtpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The admin listener of a real relay, asked over HTTP on loopback as Prometheus and curl ask. */
class AdminListenerTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension final RelayPerTest relays = new RelayPerTest();

  @Test
  void healthIsOkWhileTheListenersAreBoundAndTheQueueAnswers() throws Exception {
    RelayFixture relay = relays.start();

    AdminClient.Response health = AdminClient.get(admin(relay), "/health");

    assertEquals(200, health.status());
    assertEquals("ok\n", health.body());
    assertEquals("text/plain; charset=utf-8", health.header("Content-Type"));
  }

  @Test
  void healthIs503WithTheReasonOnceTheQueueDatabaseIsClosed() throws Exception {
    RelayFixture relay = relays.start();
    assertEquals(200, AdminClient.get(admin(relay), "/health").status());

    relay.queue().close();
    AdminClient.Response health = AdminClient.get(admin(relay), "/health");

    assertEquals(503, health.status());
    assertTrue(health.body().startsWith("queue: "), health.body());
    assertTrue(health.body().contains("closed"), health.body());
  }

  @Test
  void metricsAreInThePrometheusTextFormatWithJvmProcessAndQueueSeries() throws Exception {
    RelayFixture relay = relays.start();

    AdminClient.Response response = AdminClient.get(admin(relay), "/metrics");

    assertEquals(200, response.status());
    assertEquals("text/plain; version=0.0.4; charset=utf-8", response.header("Content-Type"));
    assertTrue(
        response.body().contains("# TYPE danerelay_messages_accepted_total counter"),
        response.body());
    MetricsPage page = MetricsPage.parse(response.body());
    assertEquals(0, page.value("danerelay_messages_accepted_total"));
    for (RecipientState state : RecipientState.values()) {
      String label = state.name().toLowerCase(Locale.ROOT);
      assertEquals(0, page.value("danerelay_queue_recipients", "state", label), label);
    }
    assertEquals(0, page.value("danerelay_queue_oldest_seconds"));
    Set<String> names = page.names();
    for (String jvm :
        Set.of(
            "jvm_memory_used_bytes",
            "jvm_threads_live_threads",
            "jvm_gc_memory_allocated_bytes_total",
            "process_cpu_usage",
            "process_uptime_seconds",
            "process_files_open_files",
            "disk_free_bytes")) {
      assertTrue(names.contains(jvm), jvm + " in " + names);
    }
  }

  @Test
  void anAcceptedMessageIsCountedOnceAndItsRecipientsShowAsQueued() throws Exception {
    RelayFixture relay = relays.start();
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      String reply =
          client.sendMail(
              "alice@example.org", "Subject: hi\r\n\r\nhello", "bob@a.test", "carol@b.test");
      assertTrue(reply.startsWith("250 "), reply);
    }

    MetricsPage page = MetricsPage.parse(AdminClient.get(admin(relay), "/metrics").body());
    assertEquals(1, page.value("danerelay_messages_accepted_total"));
    // The queue indexes a moment after the 250, and the gauges read it at most once a second.
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (page.value("danerelay_queue_recipients", "state", "queued") != 2) {
      assertTrue(System.nanoTime() < deadline, "two queued recipients within " + WAIT);
      Thread.sleep(200);
      page = MetricsPage.parse(AdminClient.get(admin(relay), "/metrics").body());
    }
    assertTrue(page.value("danerelay_queue_oldest_seconds") >= 0);
  }

  @Test
  void answersOnlyGetAndHeadOfMetricsAndHealth() throws Exception {
    int port = admin(relays.start());

    for (String path : new String[] {"/", "/metrics/", "/healthz", "/favicon.ico", "/../etc"}) {
      assertEquals(404, AdminClient.get(port, path).status(), path);
    }
    for (String method : new String[] {"POST", "PUT", "DELETE", "OPTIONS", "TRACE"}) {
      AdminClient.Response refused = AdminClient.request(port, method, "/metrics");
      assertEquals(405, refused.status(), method);
      assertEquals("GET, HEAD", refused.header("Allow"), method);
    }
    AdminClient.Response head = AdminClient.request(port, "HEAD", "/health");
    assertEquals(200, head.status());
    assertEquals("", head.body());
    assertEquals("text/plain; charset=utf-8", head.header("Content-Type"));
  }

  @Test
  void nothingListensForAdminWhenAdminListenIsEmpty() throws Exception {
    Set<Integer> before = ListeningPorts.ofThisProcess();
    RelayFixture without = relays.start("admin.listen=");
    Set<Integer> added = new HashSet<>(ListeningPorts.ofThisProcess());
    added.removeAll(before);

    assertEquals(Set.of(without.port()), added, "only the SMTP listener");
    assertTrue(without.adminPort().isEmpty());

    // The same check sees the admin listener when there is one.
    before = ListeningPorts.ofThisProcess();
    RelayFixture with = relays.start("admin.listen=127.0.0.1:0");
    added = new HashSet<>(ListeningPorts.ofThisProcess());
    added.removeAll(before);
    assertEquals(Set.of(with.port(), with.adminPort().orElseThrow()), added);
  }

  @Test
  void aTakenAdminAddressStopsTheStartNamingTheKey() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String address = "127.0.0.1:" + taken.getLocalPort();

      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> relays.start("admin.listen=" + address));

      assertTrue(
          e.getMessage().startsWith("cannot listen on admin.listen " + address), e.getMessage());
    }
  }

  @Test
  void aClientThatStopsHalfwayThroughItsRequestIsCutOffAndTheListenerServesAgain()
      throws Exception {
    int port = admin(relays.start());
    // More stalled clients than workers: each holds one until the request time limit.
    Socket[] stalled = new Socket[3];
    for (int i = 0; i < stalled.length; i++) {
      stalled[i] = new Socket(InetAddress.getLoopbackAddress(), port);
      stalled[i].setSoTimeout((int) WAIT.toMillis());
      stalled[i]
          .getOutputStream()
          .write("GET /metrics HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    for (Socket socket : stalled) {
      try (socket) {
        assertEquals(-1, socket.getInputStream().read(), "closed by the server, no reply");
      } catch (SocketException reset) {
        // a reset is a close too; a read timeout is not, and fails the test
      }
    }
    assertEquals(200, AdminClient.get(port, "/health").status());
  }

  private static int admin(RelayFixture relay) {
    return relay.adminPort().orElseThrow();
  }
}
