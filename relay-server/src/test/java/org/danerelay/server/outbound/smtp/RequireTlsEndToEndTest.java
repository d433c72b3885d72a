package org.danerelay.server.outbound.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.BooleanSupplier;
import org.danerelay.dane.testdns.SignedZoneServer;
import org.danerelay.dane.testdns.TestZones;
import org.danerelay.dane.testdns.ZoneKind;
import org.danerelay.queue.QueuedMessage;
import org.danerelay.queue.TlsRequired;
import org.danerelay.server.testing.Await;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.SmtpTestClient;
import org.danerelay.server.testing.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * REQUIRETLS and {@code TLS-Required: No} (RFC 8689) end to end: a client hands the relay a message
 * inside TLS, the relay carries it over DANE to a second relay that offers REQUIRETLS, or returns
 * it with 5.7.30 where no next hop can take it so.
 */
class RequireTlsEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final InetAddress PEER_RELAY = LoopbackHosts.loopback(12);
  private static final InetAddress LEGACY_MX = LoopbackHosts.loopback(13);
  private static final InetAddress MISMATCHED_MX = LoopbackHosts.loopback(14);

  @TempDir static Path shared;
  private static int port;
  private static TestCertificates.Minted peerIdentity;
  private static TestCertificates.Minted legacyIdentity;
  private static TestCertificates.Minted stranger;
  private static SignedZoneServer dns;
  private static Path anchors;

  @TempDir Path folder;
  private RelayFixture peer;
  private RelayFixture relay;
  private RecordingSmtpServer legacy;
  private RecordingSmtpServer mismatched;

  @BeforeAll
  static void world() throws Exception {
    port = LoopbackHosts.freePortOnAll(PEER_RELAY, LEGACY_MX, MISMATCHED_MX);
    peerIdentity = TestCertificates.selfSigned("mx.rt.test");
    legacyIdentity = TestCertificates.selfSigned("mx.legacy.test");
    stranger = TestCertificates.selfSigned("mx.daneonly.test");
    TestCertificates.Minted expected = TestCertificates.selfSigned("mx.daneonly.test");
    TestZones zones =
        TestZones.builder()
            .signedRoot()
            .zone("rt.test", ZoneKind.SIGNED)
            .mx("rt.test", 10, "mx.rt.test")
            .a("mx.rt.test", PEER_RELAY.getHostAddress())
            .tlsa("_" + port + "._tcp.mx.rt.test", tlsa(peerIdentity))
            .zone("legacy.test", ZoneKind.SIGNED)
            .mx("legacy.test", 10, "mx.legacy.test")
            .a("mx.legacy.test", LEGACY_MX.getHostAddress())
            .tlsa("_" + port + "._tcp.mx.legacy.test", tlsa(legacyIdentity))
            .zone("plain.test", ZoneKind.UNSIGNED)
            .mx("plain.test", 10, "mx.plain.test")
            .a("mx.plain.test", LEGACY_MX.getHostAddress())
            .zone("daneonly.test", ZoneKind.SIGNED)
            .mx("daneonly.test", 10, "mx.daneonly.test")
            .a("mx.daneonly.test", MISMATCHED_MX.getHostAddress())
            .tlsa("_" + port + "._tcp.mx.daneonly.test", tlsa(expected))
            .build();
    dns = zones.serve();
    anchors = zones.writeTrustAnchor(shared.resolve("anchors.txt"));
  }

  private static String tlsa(TestCertificates.Minted identity) {
    return "3 1 1 " + HexFormat.of().formatHex(identity.spkiSha256());
  }

  @AfterAll
  static void stopDns() {
    dns.close();
  }

  /** The peer relays for the loopback network the relay sends from, and holds what it takes. */
  @BeforeEach
  void start() throws Exception {
    Path tls = folder.resolve("peer-tls");
    java.nio.file.Files.createDirectories(tls);
    peer =
        RelayFixture.start(
            folder.resolve("peer"),
            "smtpd.listen=" + PEER_RELAY.getHostAddress() + ":" + port,
            "smtpd.tls.cert="
                + TestPki.writeCertificates(tls.resolve("cert.pem"), peerIdentity.cert()),
            "smtpd.tls.key="
                + TestPki.writeKey(tls.resolve("key.pem"), peerIdentity.keys().getPrivate()));
    legacy = RecordingSmtpServer.withTlsAt(LEGACY_MX, port, legacyIdentity);
    mismatched = RecordingSmtpServer.withTlsAt(MISMATCHED_MX, port, stranger);
    relay =
        RelayFixture.start(
            folder.resolve("relay"),
            "delivery.hold=false",
            "dns.resolvers=127.0.0.1:" + dns.port(),
            "dns.dnssec=validate",
            "dns.trust-anchors=" + anchors,
            "dns.timeout=2s",
            "delivery.port=" + port);
  }

  @AfterEach
  void stop() {
    relay.close();
    peer.close();
    legacy.close();
    mismatched.close();
  }

  @Test
  void offersRequireTlsOnlyInsideTlsAndRefusesItOutside() throws Exception {
    try (SmtpTestClient client = relay.connect()) {
      assertFalse(client.hello().contains("REQUIRETLS"));
      String refused = client.command("MAIL FROM:<alice@rt.test> REQUIRETLS");
      assertTrue(refused.startsWith("530 5.7.10"), refused);
      client.startTls();
      assertTrue(client.command("EHLO client.test").contains("250-REQUIRETLS"));
      String valued = client.command("MAIL FROM:<alice@rt.test> REQUIRETLS=yes");
      assertTrue(valued.startsWith("501 5.5.4"), valued);
    }
  }

  @Test
  void carriesRequireTlsOverDaneToANextHopThatOffersIt() throws Exception {
    sendRequiringTls("bob@rt.test", "Subject: secret\r\n\r\nhello");
    waitFor(() -> peerHolds("bob@rt.test"));
    QueuedMessage received = peerMessage("bob@rt.test");
    assertEquals(TlsRequired.REQUIRETLS, received.tlsRequired(), "the peer keeps the demand");
  }

  @Test
  void returnsTheMessageWith5730WhenTheNextHopDoesNotOfferRequireTls() throws Exception {
    sendRequiringTls("carol@legacy.test", "Subject: secret\r\n\r\nhello");
    // The sender's domain is rt.test: the DSN goes to the peer relay, over DANE.
    waitFor(() -> peerHolds("alice@rt.test"));
    String dsn = body(peer, peerMessage("alice@rt.test"));
    assertTrue(dsn.contains("Status: 5.7.30"), dsn);
    assertTrue(dsn.contains("Final-Recipient: rfc822; carol@legacy.test"), dsn);
    assertEquals(0, legacy.received().size());
  }

  @Test
  void returnsTheMessageWithoutConnectingWhenNoHostIsAuthenticated() throws Exception {
    sendRequiringTls("dave@plain.test", "Subject: secret\r\n\r\nhello");
    waitFor(() -> peerHolds("alice@rt.test"));
    String dsn = body(peer, peerMessage("alice@rt.test"));
    assertTrue(dsn.contains("Status: 5.7.30"), dsn);
    assertEquals(0, legacy.mailCommands());
  }

  @Test
  void tlsRequiredNoNeverLiftsDane() throws Exception {
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      String queued =
          client.sendMail(
              "alice@rt.test",
              "Subject: b\r\nTLS-Required: No\r\n\r\nstill held",
              "frank@daneonly.test");
      assertTrue(queued.startsWith("250"), queued);
    }
    // DANE-RULES 6: the TLSA records do not match, and no header lets the message past that.
    waitFor(() -> lastReply("frank@daneonly.test").startsWith("4.7.5"));
    assertEquals(0, mismatched.mailCommands());
    assertEquals(
        TlsRequired.NO,
        relay.queued().get(0).tlsRequired(),
        "the queue keeps what the sender asked");
  }

  private String lastReply(String recipient) {
    return relay.queued().stream()
        .flatMap(m -> m.recipients().stream())
        .filter(r -> r.address().equals(recipient) && r.lastReply() != null)
        .map(r -> r.lastReply())
        .findFirst()
        .orElse("");
  }

  /** MAIL FROM with REQUIRETLS inside TLS, as RFC 8689 4.1 asks of a client. */
  private void sendRequiringTls(String recipient, String body) throws IOException {
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      client.startTls();
      client.command("EHLO client.test");
      String mail = client.command("MAIL FROM:<alice@rt.test> REQUIRETLS");
      assertTrue(mail.startsWith("250"), mail);
      assertTrue(client.command("RCPT TO:<" + recipient + ">").startsWith("250"));
      assertTrue(client.command("DATA").startsWith("354"));
      client.send(body + "\r\n.\r\n");
      String queued = client.reply();
      assertTrue(queued.startsWith("250"), queued);
    }
  }

  private boolean peerHolds(String recipient) {
    return peer.queued().stream()
        .anyMatch(m -> m.recipients().stream().anyMatch(r -> r.address().equals(recipient)));
  }

  private QueuedMessage peerMessage(String recipient) {
    return peer.queued().stream()
        .filter(m -> m.recipients().stream().anyMatch(r -> r.address().equals(recipient)))
        .findFirst()
        .orElseThrow();
  }

  private static String body(RelayFixture fixture, QueuedMessage message) throws IOException {
    try (InputStream in = fixture.queue().openBody(message.id())) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    Await.until(condition, WAIT);
  }
}
