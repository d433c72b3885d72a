package org.danerelay.server.outbound.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.danerelay.dane.testdns.SignedZoneServer;
import org.danerelay.dane.testdns.TestZones;
import org.danerelay.dane.testdns.ZoneKind;
import org.danerelay.queue.QueuedMessage;
import org.danerelay.queue.QueuedRecipient;
import org.danerelay.queue.RecipientState;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.SmtpTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The relay end to end: a client hands it mail, it resolves MX and TLSA in a DNSSEC-signed zone on
 * loopback, and delivers to real receiving SMTP servers on 127.0.0.x with chosen certificates,
 * enforcing DANE MX by MX (DANE-RULES 6).
 */
class DaneDeliveryEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final InetAddress MX_GOOD = address("127.0.0.2");
  private static final InetAddress MX_WRONG_CERT = address("127.0.0.3");
  private static final InetAddress MX_NO_TLS = address("127.0.0.4");
  private static final InetAddress MX_PLAIN_DOMAIN = address("127.0.0.5");

  @TempDir static Path zonesFolder;
  private static int port;
  private static TestCertificates.Minted good;
  private static TestCertificates.Minted stranger;
  private static SignedZoneServer dns;
  private static Path anchors;

  @TempDir Path folder;
  private RecordingSmtpServer goodServer;
  private RecordingSmtpServer wrongCertServer;
  private RecordingSmtpServer plainServer;
  private RecordingSmtpServer unsignedDomainServer;
  private RelayFixture relay;
  private final ListAppender<ILoggingEvent> deliveryLog = new ListAppender<>();

  @BeforeAll
  static void zones() throws Exception {
    port = LoopbackHosts.freePortOnAll(MX_GOOD, MX_WRONG_CERT, MX_NO_TLS, MX_PLAIN_DOMAIN);
    good = TestCertificates.selfSigned("mx.dane.test");
    stranger = TestCertificates.selfSigned("mx.dane.test");
    String goodTlsa = "3 1 1 " + HexFormat.of().formatHex(good.spkiSha256());
    String tlsaOwner = "_" + port + "._tcp.";
    TestZones zones =
        TestZones.builder()
            .signedRoot()
            .zone("dane.test", ZoneKind.SIGNED)
            .mx("dane.test", 10, "mx.dane.test")
            .a("mx.dane.test", MX_GOOD.getHostAddress())
            .tlsa(tlsaOwner + "mx.dane.test", goodTlsa)
            .zone("fallback.test", ZoneKind.SIGNED)
            .mx("fallback.test", 10, "mx1.fallback.test")
            .mx("fallback.test", 20, "mx2.fallback.test")
            .a("mx1.fallback.test", MX_WRONG_CERT.getHostAddress())
            .tlsa(tlsaOwner + "mx1.fallback.test", goodTlsa)
            .a("mx2.fallback.test", MX_GOOD.getHostAddress())
            .tlsa(tlsaOwner + "mx2.fallback.test", goodTlsa)
            .zone("notls.test", ZoneKind.SIGNED)
            .mx("notls.test", 10, "mx.notls.test")
            .a("mx.notls.test", MX_NO_TLS.getHostAddress())
            .tlsa(tlsaOwner + "mx.notls.test", goodTlsa)
            .zone("broken.test", ZoneKind.SIGNED)
            .mx("broken.test", 10, "mx1.broken.test")
            .mx("broken.test", 20, "mx2.broken.test")
            .a("mx1.broken.test", MX_WRONG_CERT.getHostAddress())
            .tlsa(tlsaOwner + "mx1.broken.test", goodTlsa)
            .a("mx2.broken.test", MX_NO_TLS.getHostAddress())
            .tlsa(tlsaOwner + "mx2.broken.test", goodTlsa)
            .zone("nomail.test", ZoneKind.SIGNED)
            .mx("nomail.test", 0, ".")
            .zone("unsigned.test", ZoneKind.UNSIGNED)
            .mx("unsigned.test", 10, "mx.unsigned.test")
            .a("mx.unsigned.test", MX_PLAIN_DOMAIN.getHostAddress())
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
    goodServer = RecordingSmtpServer.withTlsAt(MX_GOOD, port, good);
    wrongCertServer = RecordingSmtpServer.withTlsAt(MX_WRONG_CERT, port, stranger);
    plainServer = RecordingSmtpServer.withoutTlsAt(MX_NO_TLS, port);
    unsignedDomainServer = RecordingSmtpServer.withTlsAt(MX_PLAIN_DOMAIN, port, stranger);
    deliveryLog.start();
    ((Logger) LoggerFactory.getLogger("delivery")).addAppender(deliveryLog);
    relay = startRelay();
  }

  @AfterEach
  void stop() throws Exception {
    relay.close();
    ((Logger) LoggerFactory.getLogger("delivery")).detachAppender(deliveryLog);
    goodServer.close();
    wrongCertServer.close();
    plainServer.close();
    unsignedDomainServer.close();
  }

  @Test
  void deliversOverDaneAuthenticatedTlsAndSaysDaneInTheLog() throws Exception {
    send("bob@dane.test");
    waitFor(() -> goodServer.received().size() == 1);
    assertEquals("TLSv1.3", goodServer.received().get(0).tlsProtocol());
    waitFor(() -> relay.queued().isEmpty());
    assertTrue(logged("Connecting to [127.0.0.2]:" + port + " (DNSSEC)"), lines());
    assertTrue(logged("Connection is now using TLSv1.3 with cipher"), lines());
    assertTrue(logged("(DANE)"), lines());
    assertTrue(
        logged("to=<bob@dane.test>") && logged("tls=dane") && logged("status=sent"), lines());
  }

  @Test
  void neverDeliversToAHostWhoseCertificateDoesNotMatchAndUsesTheNextMx() throws Exception {
    send("carol@fallback.test");
    waitFor(() -> goodServer.received().size() == 1);
    waitFor(() -> relay.queued().isEmpty());
    assertEquals(0, wrongCertServer.mailCommands());
    assertTrue(logged("status=deferred"), lines());
    assertTrue(logged("Connecting to [127.0.0.2]:" + port + " (DNSSEC)"), lines());
  }

  @Test
  void defersWhenTlsaExistsButTheHostOffersNoStarttls() throws Exception {
    send("dave@notls.test");
    waitFor(() -> stateOf("dave@notls.test") == RecipientState.DEFERRED);
    assertEquals(0, plainServer.mailCommands());
    QueuedRecipient dave = recipient("dave@notls.test");
    assertTrue(dave.lastReply().startsWith("4.7.5"), dave.lastReply());
  }

  @Test
  void bouncesANullMxDomainAndReportsItToTheSender() throws Exception {
    send("erin@nomail.test");
    // The sender's domain is dane.test: the bounce goes there, over DANE.
    waitFor(() -> goodServer.received().size() == 1);
    RecordingSmtpServer.Received dsn = goodServer.received().get(0);
    assertEquals("", dsn.sender());
    assertTrue(dsn.text().contains("Status: 5.1.10"), dsn.text());
    assertTrue(dsn.text().contains("Final-Recipient: rfc822; erin@nomail.test"), dsn.text());
    assertTrue(
        dsn.text().contains("Received-From-MTA: dns; client.test ([127.0.0.1])"), dsn.text());
  }

  @Test
  void usesOpportunisticTlsForADomainWithoutDnssec() throws Exception {
    send("frank@unsigned.test");
    waitFor(() -> unsignedDomainServer.received().size() == 1);
    // Unauthenticated TLS: the certificate matches nothing, and that is fine without DANE.
    assertEquals("TLSv1.3", unsignedDomainServer.received().get(0).tlsProtocol());
    waitFor(() -> logged("to=<frank@unsigned.test>"));
    assertTrue(logged("Connecting to [127.0.0.5]:" + port), lines());
    assertTrue(!logged("[127.0.0.5]:" + port + " (DNSSEC)"), "an unsigned zone is not DNSSEC");
    assertTrue(logged("tls=may") && logged("status=sent"), lines());
  }

  @Test
  void defersABogusDomainAndNeverConnects() throws Exception {
    send("grace@forged.test");
    waitFor(() -> stateOf("grace@forged.test") == RecipientState.DEFERRED);
    assertEquals(0, goodServer.mailCommands());
    assertTrue(
        recipient("grace@forged.test").lastReply().startsWith("4.7.5"),
        recipient("grace@forged.test").lastReply());
    String id = relay.queued().get(0).id();
    org.danerelay.queue.AttemptRecord attempt = relay.queue().attempts(id).get(0).attempt();
    assertEquals(null, attempt.relayHost(), "queue show says no relay was reached");
    assertEquals(null, attempt.tls());
    // The delivery log says the same: no relay reached, deferred for DNSSEC trouble.
    waitFor(() -> logged("to=<grace@forged.test>"));
    assertTrue(
        deliveryLines("to=<grace@forged.test>").stream()
            .anyMatch(l -> l.contains("relay=none") && l.contains("status=deferred (4.7.5")),
        lines());
  }

  @Test
  void deliversDeferredMailOnceThePeerIsFixed() throws Exception {
    send("dave@notls.test");
    waitFor(() -> stateOf("dave@notls.test") == RecipientState.DEFERRED);
    plainServer.close();
    plainServer = RecordingSmtpServer.withTlsAt(MX_NO_TLS, port, good);
    relay.queue().flush(java.util.Optional.empty());
    waitFor(() -> plainServer.received().size() == 1);
    assertEquals("TLSv1.3", plainServer.received().get(0).tlsProtocol());
  }

  @Test
  void bouncesWithTheLastReasonWhenTheQueueLifetimeRunsOut() throws Exception {
    relay.close();
    relay = startRelay("queue.lifetime=1s", "retry.schedule=1s");
    send("dave@notls.test");
    waitFor(() -> goodServer.received().size() == 1);
    String dsn = goodServer.received().get(0).text();
    assertTrue(dsn.contains("Final-Recipient: rfc822; dave@notls.test"), dsn);
    assertTrue(dsn.contains("Status: 4.7.5"), dsn);
    assertTrue(dsn.contains("STARTTLS not offered"), dsn);
    assertEquals(0, plainServer.mailCommands());
  }

  @Test
  void listsEveryHostTriedAndWarnsTheSenderOnceWhileTheMessageWaits() throws Exception {
    relay.close();
    relay = startRelay("delivery.delay-warning=1s", "retry.schedule=1s");
    send("ivan@broken.test");
    // The sender's domain is dane.test: the warning goes there, over DANE.
    waitFor(() -> goodServer.received().size() == 1);
    String warning = goodServer.received().get(0).text();
    assertTrue(warning.contains("Action: delayed"), warning);
    assertTrue(warning.contains("Final-Recipient: rfc822; ivan@broken.test"), warning);
    assertTrue(warning.contains("Will-Retry-Until: "), warning);
    String id = relay.queued().get(0).id();
    waitFor(() -> relay.queue().attempts(id).size() >= 6); // three runs, two hosts each
    List<String> hosts =
        relay.queue().attempts(id).stream().map(a -> a.attempt().relayHost()).toList();
    assertEquals("mx1.broken.test", hosts.get(0), hosts.toString());
    assertEquals("mx2.broken.test", hosts.get(1), hosts.toString());
    assertEquals(1, goodServer.received().size(), "one warning per message");
    assertEquals(0, wrongCertServer.mailCommands() + plainServer.mailCommands());
  }

  @Test
  void carriesTheNextMessageForTheSameHostOnTheAuthenticatedConnection() throws Exception {
    send("judy@dane.test");
    waitFor(() -> goodServer.received().size() == 1);
    send("karl@dane.test");
    waitFor(() -> goodServer.received().size() == 2);
    List<RecordingSmtpServer.Received> received = goodServer.received();
    assertEquals(received.get(0).sessionId(), received.get(1).sessionId());
    waitFor(() -> logged("to=<karl@dane.test>"));
    assertTrue(logged("Reusing the connection to [127.0.0.2]:" + port + " (DNSSEC)"), lines());
    assertTrue(logged("to=<karl@dane.test>") && logged("dane=\"3 1 1"), lines());
  }

  @Test
  void sendsARoutedDomainToItsConfiguredNextHopWithDane() throws Exception {
    restartWithRoute("routed.test [mx.dane.test]:" + port);
    send("henry@routed.test");
    waitFor(() -> goodServer.received().size() == 1);
    assertEquals(List.of("henry@routed.test"), goodServer.received().get(0).recipients());
    waitFor(() -> logged("to=<henry@routed.test>"));
    assertTrue(logged("tls=dane") && logged("status=sent"), lines());
  }

  @Test
  void sendsADomainRoutedToAnAddressWithOpportunisticTlsAndNoDnsClaims() throws Exception {
    restartWithRoute("literal.test [127.0.0.5]:" + port);
    send("olga@literal.test");
    waitFor(() -> unsignedDomainServer.received().size() == 1);
    assertEquals("TLSv1.3", unsignedDomainServer.received().get(0).tlsProtocol());
    waitFor(() -> logged("to=<olga@literal.test>"));
    assertTrue(logged("Connecting to [127.0.0.5]:" + port), lines());
    assertTrue(!logged("[127.0.0.5]:" + port + " (DNSSEC)"), "no DNS, so no DNSSEC");
    assertTrue(logged("relay=127.0.0.5[127.0.0.5]:" + port) && logged("tls=may"), lines());
  }

  /** Restarts the relay with a {@code delivery.routes} file of this one line. */
  private void restartWithRoute(String line) throws Exception {
    Path routes = java.nio.file.Files.writeString(folder.resolve("routes"), line + "\n");
    relay.close();
    relay = startRelay("delivery.routes=" + routes);
  }

  /** A delivering relay on the signed test DNS, plus the test's own {@code key=value} settings. */
  private RelayFixture startRelay(String... more) throws Exception {
    List<String> settings =
        new java.util.ArrayList<>(
            List.of(
                "delivery.hold=false",
                "dns.resolvers=127.0.0.1:" + dns.port(),
                "dns.dnssec=validate",
                "dns.trust-anchors=" + anchors,
                "dns.timeout=2s",
                "delivery.port=" + port));
    settings.addAll(List.of(more));
    return RelayFixture.start(folder, settings.toArray(String[]::new));
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
        .filter(r -> r.address().equals(address))
        .map(QueuedRecipient::state)
        .findFirst()
        .orElse(null);
  }

  private QueuedRecipient recipient(String address) {
    for (QueuedMessage message : relay.queued()) {
      for (QueuedRecipient r : message.recipients()) {
        if (r.address().equals(address)) {
          return r;
        }
      }
    }
    throw new AssertionError("no recipient " + address);
  }

  private boolean logged(String text) {
    synchronized (deliveryLog) {
      return deliveryLog.list.stream().anyMatch(e -> e.getFormattedMessage().contains(text));
    }
  }

  private List<String> deliveryLines(String text) {
    synchronized (deliveryLog) {
      return deliveryLog.list.stream()
          .map(ILoggingEvent::getFormattedMessage)
          .filter(l -> l.contains(text))
          .toList();
    }
  }

  private String lines() {
    synchronized (deliveryLog) {
      return String.join(
          "\n", deliveryLog.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    }
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

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByAddress(
          literal,
          List.of(literal.split("\\.")).stream()
              .mapToInt(Integer::parseInt)
              .collect(java.io.ByteArrayOutputStream::new, (o, b) -> o.write(b), (a, b) -> {})
              .toByteArray());
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
