package org.danerelay.server.outbound.smtp;

import static org.danerelay.server.outbound.smtp.LoopbackHosts.loopback;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.danerelay.dane.testdns.SignedZoneServer;
import org.danerelay.dane.testdns.TestZones;
import org.danerelay.dane.testdns.ZoneKind;
import org.danerelay.queue.QueuedRecipient;
import org.danerelay.queue.RecipientState;
import org.danerelay.server.outbound.DaneFailure;
import org.danerelay.server.testing.AdminClient;
import org.danerelay.server.testing.MetricsPage;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.RelayPerTest;
import org.danerelay.server.testing.SmtpTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What {@code GET /metrics} says after real deliveries: a relay resolving MX and TLSA in a signed
 * zone on loopback, delivering to SMTP servers on 127.0.0.x, one relay (and one set of counters)
 * per test.
 */
class DeliveryMetricsEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final InetAddress MX_GOOD = loopback(2);
  private static final InetAddress MX_WRONG_CERT = loopback(3);
  private static final InetAddress MX_NO_TLS = loopback(4);
  private static final InetAddress MX_BROKEN_TLS = loopback(5);
  private static final List<String> TLS_LABELS =
      List.of("dane", "encrypted", "plaintext", "no_connection");

  @TempDir static Path zonesFolder;
  private static int port;
  private static TestCertificates.Minted good;
  private static TestCertificates.Minted stranger;
  private static SignedZoneServer dns;
  private static Path anchors;

  @RegisterExtension final RelayPerTest relays = new RelayPerTest();
  private final List<RecordingSmtpServer> servers = new ArrayList<>();
  private RecordingSmtpServer goodServer;
  private RelayFixture relay;

  @BeforeAll
  static void zones() throws Exception {
    port = LoopbackHosts.freePortOnAll(MX_GOOD, MX_WRONG_CERT, MX_NO_TLS, MX_BROKEN_TLS);
    good = TestCertificates.selfSigned("mx.dane.test");
    stranger = TestCertificates.selfSigned("mx.dane.test");
    String goodTlsa = "3 1 1 " + HexFormat.of().formatHex(good.spkiSha256());
    String tlsa = "_" + port + "._tcp.";
    TestZones zones =
        TestZones.builder()
            .signedRoot()
            .zone("dane.test", ZoneKind.SIGNED)
            .mx("dane.test", 10, "mx.dane.test")
            .a("mx.dane.test", MX_GOOD.getHostAddress())
            .tlsa(tlsa + "mx.dane.test", goodTlsa)
            .zone("mismatch.test", ZoneKind.SIGNED)
            .mx("mismatch.test", 10, "mx.mismatch.test")
            .a("mx.mismatch.test", MX_WRONG_CERT.getHostAddress())
            .tlsa(tlsa + "mx.mismatch.test", goodTlsa)
            .zone("notls.test", ZoneKind.SIGNED)
            .mx("notls.test", 10, "mx.notls.test")
            .a("mx.notls.test", MX_NO_TLS.getHostAddress())
            .tlsa(tlsa + "mx.notls.test", goodTlsa)
            .zone("broken.test", ZoneKind.SIGNED)
            .mx("broken.test", 10, "mx.broken.test")
            .a("mx.broken.test", MX_BROKEN_TLS.getHostAddress())
            .tlsa(tlsa + "mx.broken.test", goodTlsa)
            .zone("servfail.test", ZoneKind.SIGNED)
            .mx("servfail.test", 10, "mx.servfail.test")
            .a("mx.servfail.test", MX_GOOD.getHostAddress())
            .servfail(tlsa + "mx.servfail.test")
            .zone("forged.test", ZoneKind.WRONG_KEY)
            .mx("forged.test", 10, "mx.forged.test")
            .a("mx.forged.test", MX_GOOD.getHostAddress())
            .build();
    dns = zones.serve();
    anchors = zones.writeTrustAnchor(zonesFolder.resolve("anchors.txt"));
  }

  @AfterAll
  static void stopDns() {
    dns.close();
  }

  @BeforeEach
  void start() throws Exception {
    goodServer = serve(RecordingSmtpServer.withTlsAt(MX_GOOD, port, good));
    serve(RecordingSmtpServer.withTlsAt(MX_WRONG_CERT, port, stranger));
    serve(RecordingSmtpServer.withoutTlsAt(MX_NO_TLS, port));
    serve(RecordingSmtpServer.withBrokenTlsAt(MX_BROKEN_TLS, port, stranger));
  }

  @AfterEach
  void stop() {
    servers.forEach(RecordingSmtpServer::close);
  }

  @Test
  void oneMessageDeliveredOverDaneIsAcceptedOnceSentOnceWithDaneAndTimedOnce() throws Exception {
    relay = startRelay();
    send("bob@dane.test");
    waitFor(() -> goodServer.received().size() == 1 && relay.queued().isEmpty());

    MetricsPage page = metrics();

    assertEquals(1, page.value("danerelay_messages_accepted_total"));
    assertEquals(1, page.value("danerelay_deliveries_total", "status", "sent", "tls", "dane"));
    assertEquals(1, deliveries(page), "no other outcome counted");
    assertEquals(1, page.value("danerelay_delivery_delay_seconds_count"));
    assertTrue(page.value("danerelay_delivery_delay_seconds_sum") > 0);
    assertEquals(
        1,
        page.value("danerelay_delivery_delay_seconds_bucket", "le", "+Inf"),
        "the histogram has buckets");
    assertEquals(0, daneFailures(page));
    assertEquals(0, page.value("danerelay_queue_oldest_seconds"), "nothing left to deliver");
  }

  @ParameterizedTest(name = "{0}: {1}, deferred with tls={2}")
  @CsvSource({
    "carol@mismatch.test, MISMATCH, dane",
    "dave@notls.test, NO_STARTTLS, dane",
    "erin@broken.test, HANDSHAKE, dane",
    "frank@servfail.test, LOOKUP_FAILURE, no_connection",
    "grace@forged.test, BOGUS, no_connection"
  })
  void eachDaneFailureIsCountedByItsKindWithTheDeferral(
      String recipient, DaneFailure kind, String tls) throws Exception {
    relay = startRelay();
    send(recipient);
    waitFor(() -> stateOf(recipient) == RecipientState.DEFERRED);

    MetricsPage page = metrics();

    assertEquals(1, page.value("danerelay_dane_failures_total", "kind", kind.label()));
    assertEquals(1, daneFailures(page), "no other kind counted");
    assertEquals(1, page.value("danerelay_deliveries_total", "status", "deferred", "tls", tls));
    assertEquals(1, deliveries(page), "no other outcome counted");
    assertEquals(0, page.value("danerelay_delivery_delay_seconds_count"));
    assertEquals(1, page.value("danerelay_queue_recipients", "state", "deferred"));
    assertEquals(0, goodServer.mailCommands() + goodServer.received().size());
  }

  /** The sum of every danerelay_deliveries_total series. */
  private static double deliveries(MetricsPage page) {
    double sum = 0;
    for (String status : List.of("sent", "deferred", "bounced")) {
      for (String tls : TLS_LABELS) {
        sum += page.value("danerelay_deliveries_total", "status", status, "tls", tls);
      }
    }
    return sum;
  }

  /** The sum of every danerelay_dane_failures_total series. */
  private static double daneFailures(MetricsPage page) {
    double sum = 0;
    for (DaneFailure kind : DaneFailure.values()) {
      sum += page.value("danerelay_dane_failures_total", "kind", kind.label());
    }
    return sum;
  }

  private MetricsPage metrics() throws Exception {
    AdminClient.Response response = AdminClient.get(relay.adminPort().orElseThrow(), "/metrics");
    assertEquals(200, response.status());
    return MetricsPage.parse(response.body());
  }

  private RelayFixture startRelay() throws Exception {
    return relays.start(
        "delivery.hold=false",
        "dns.resolvers=127.0.0.1:" + dns.port(),
        "dns.dnssec=validate",
        "dns.trust-anchors=" + anchors,
        "dns.timeout=2s",
        "delivery.port=" + port);
  }

  private RecordingSmtpServer serve(RecordingSmtpServer server) {
    servers.add(server);
    return server;
  }

  private void send(String recipient) throws Exception {
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      String reply = client.sendMail("alice@dane.test", "Subject: hi\r\n\r\nhello", recipient);
      assertTrue(reply.startsWith("250 2.0.0 Ok: queued as "), reply);
    }
  }

  private RecipientState stateOf(String address) {
    return relay.queued().stream()
        .flatMap(m -> m.recipients().stream())
        .filter(r -> r.address().equals(address.toLowerCase(Locale.ROOT)))
        .map(QueuedRecipient::state)
        .findFirst()
        .orElse(null);
  }

  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not reached within " + WAIT);
      }
      Thread.sleep(50);
    }
  }
}
