package org.danerelay.server.outbound.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.danerelay.dane.testdns.SignedZoneServer;
import org.danerelay.dane.testdns.TestZones;
import org.danerelay.dane.testdns.ZoneKind;
import org.danerelay.queue.QueuedRecipient;
import org.danerelay.queue.RecipientState;
import org.danerelay.server.testing.Await;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.SmtpTestClient;
import org.danerelay.server.testing.StsPolicyServer;
import org.danerelay.server.testing.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * MTA-STS end to end (RFC 8461): the relay looks up {@code _mta-sts} in a real DNS server on
 * loopback, fetches policies from a real HTTPS server with a test CA, and delivers to real SMTP
 * servers on 127.0.0.x whose certificates that CA issued, or not.
 */
class MtaStsDeliveryEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final InetAddress GOOD_A = LoopbackHosts.loopback(2);
  private static final InetAddress WRONG_NAME = LoopbackHosts.loopback(3);
  private static final InetAddress GOOD_B = LoopbackHosts.loopback(4);
  private static final InetAddress DANE_HOST = LoopbackHosts.loopback(5);
  private static final InetAddress POLICY_HOST = LoopbackHosts.loopback(9);

  @TempDir static Path shared;
  private static int port;
  private static KeyPair caKeys;
  private static X509Certificate ca;
  private static Path trustStore;
  private static TestCertificates.Minted goodA;
  private static TestCertificates.Minted goodB;
  private static TestCertificates.Minted wrongName;
  private static TestCertificates.Minted dane;
  private static StsPolicyServer policies;
  private static SignedZoneServer dns;

  @TempDir Path folder;
  private final List<RecordingSmtpServer> servers = new ArrayList<>();
  private RecordingSmtpServer serverA;
  private RecordingSmtpServer serverB;
  private RecordingSmtpServer wrongServer;
  private RecordingSmtpServer daneServer;
  private RelayFixture relay;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();

  @BeforeAll
  static void world() throws Exception {
    port = LoopbackHosts.freePortOnAll(GOOD_A, WRONG_NAME, GOOD_B, DANE_HOST);
    caKeys = TestPki.ecKeys();
    ca = TestPki.ca("Test WebPKI Root", caKeys);
    trustStore = TestPki.writeCertificates(shared.resolve("roots.pem"), ca);
    goodA = minted("mx.enforce.test", "mx1.change.test", "mx1.cached.test");
    goodB = minted("mx2.fallback.test", "mx2.change.test", "mx2.cached.test");
    wrongName = minted("wrong.example");
    dane = TestCertificates.selfSigned("mx.both.test");
    KeyPair policyKeys = TestPki.ecKeys();
    X509Certificate policyCert =
        TestPki.issueFor(
            policyKeys.getPublic(),
            ca,
            caKeys.getPrivate(),
            "mta-sts.enforce.test",
            "mta-sts.fallback.test",
            "mta-sts.unlisted.test",
            "mta-sts.testing.test",
            "mta-sts.both.test",
            "mta-sts.change.test",
            "mta-sts.cached.test");
    policies = StsPolicyServer.start(POLICY_HOST, 0, policyKeys.getPrivate(), policyCert);
    dns = zones("1").serve();
  }

  /** Every test domain; {@code changingId} is the TXT id of change.test and cached.test. */
  private static TestZones zones(String changingId) {
    String tlsaOwner = "_" + port + "._tcp.mx.both.test";
    String daneTlsa = "3 1 1 " + HexFormat.of().formatHex(dane.spkiSha256());
    TestZones.Builder zones = TestZones.builder().signedRoot();
    policyDomain(zones, "enforce.test", "1").mx("enforce.test", 10, "mx.enforce.test");
    zones.a("mx.enforce.test", GOOD_A.getHostAddress());
    policyDomain(zones, "fallback.test", "1")
        .mx("fallback.test", 10, "mx1.fallback.test")
        .mx("fallback.test", 20, "mx2.fallback.test")
        .a("mx1.fallback.test", WRONG_NAME.getHostAddress())
        .a("mx2.fallback.test", GOOD_B.getHostAddress());
    policyDomain(zones, "unlisted.test", "1")
        .mx("unlisted.test", 10, "mx.unlisted.test")
        .a("mx.unlisted.test", GOOD_A.getHostAddress());
    policyDomain(zones, "testing.test", "1")
        .mx("testing.test", 10, "mx.testing.test")
        .a("mx.testing.test", WRONG_NAME.getHostAddress());
    zones
        .zone("both.test", ZoneKind.SIGNED)
        .mx("both.test", 10, "mx.both.test")
        .a("mx.both.test", DANE_HOST.getHostAddress())
        .tlsa(tlsaOwner, daneTlsa)
        .txt("_mta-sts.both.test", "v=STSv1; id=1;")
        .a("mta-sts.both.test", POLICY_HOST.getHostAddress());
    for (String domain : List.of("change.test", "cached.test")) {
      policyDomain(zones, domain, changingId)
          .mx(domain, 10, "mx1." + domain)
          .mx(domain, 20, "mx2." + domain)
          .a("mx1." + domain, GOOD_A.getHostAddress())
          .a("mx2." + domain, GOOD_B.getHostAddress());
    }
    return zones.build();
  }

  private static TestZones.Builder policyDomain(TestZones.Builder zones, String domain, String id) {
    return zones
        .zone(domain, ZoneKind.UNSIGNED)
        .txt("_mta-sts." + domain, "v=STSv1; id=" + id + ";")
        .a("mta-sts." + domain, POLICY_HOST.getHostAddress());
  }

  private static String policy(String mode, String... mx) {
    StringBuilder text = new StringBuilder("version: STSv1\r\nmode: " + mode + "\r\n");
    for (String host : mx) {
      text.append("mx: ").append(host).append("\r\n");
    }
    return text.append("max_age: 86400\r\n").toString();
  }

  private static TestCertificates.Minted minted(String... names) throws Exception {
    KeyPair keys = TestPki.ecKeys();
    return new TestCertificates.Minted(
        TestPki.issueFor(keys.getPublic(), ca, caKeys.getPrivate(), names), keys);
  }

  @AfterAll
  static void stopWorld() {
    policies.close();
    dns.close();
  }

  @BeforeEach
  void start() throws Exception {
    policies.serve("mta-sts.enforce.test", policy("enforce", "mx.enforce.test"));
    policies.serve("mta-sts.fallback.test", policy("enforce", "*.fallback.test"));
    policies.serve("mta-sts.unlisted.test", policy("enforce", "other.unlisted.test"));
    policies.serve("mta-sts.testing.test", policy("testing", "mx.testing.test"));
    policies.serve("mta-sts.both.test", policy("enforce", "nothing.both.test"));
    policies.serve("mta-sts.change.test", policy("enforce", "mx1.change.test"));
    policies.serve("mta-sts.cached.test", policy("enforce", "mx2.cached.test"));
    serverA = keep(RecordingSmtpServer.withTlsAt(GOOD_A, port, goodA));
    serverB = keep(RecordingSmtpServer.withTlsAt(GOOD_B, port, goodB));
    wrongServer = keep(RecordingSmtpServer.withTlsAt(WRONG_NAME, port, wrongName));
    daneServer = keep(RecordingSmtpServer.withTlsAt(DANE_HOST, port, dane));
    log.start();
    ((Logger) LoggerFactory.getLogger("delivery")).addAppender(log);
    relay = startRelay(dns);
  }

  @AfterEach
  void stop() throws Exception {
    relay.close();
    ((Logger) LoggerFactory.getLogger("delivery")).detachAppender(log);
    servers.forEach(RecordingSmtpServer::close);
  }

  @Test
  void enforceDeliversOverTlsTheWebPkiAuthenticatesAndSaysSo() throws Exception {
    send("bob@enforce.test");
    waitFor(() -> serverA.received().size() == 1);
    waitFor(() -> logged("to=<bob@enforce.test>"));
    assertTrue(logged("Connection is now using TLSv1.3 with cipher"), lines());
    assertTrue(logged("(MTA-STS)"), lines());
    assertTrue(line("to=<bob@enforce.test>").contains("tls=mta-sts"), lines());
    assertTrue(line("to=<bob@enforce.test>").contains("policy=mta-sts-enforce"), lines());
    assertTrue(line("to=<bob@enforce.test>").contains("status=sent"), lines());
  }

  @Test
  void enforceSkipsAHostWhoseCertificateNamesAnotherAndUsesTheNext() throws Exception {
    send("carol@fallback.test");
    waitFor(() -> serverB.received().size() == 1);
    assertEquals(0, wrongServer.mailCommands());
    assertTrue(logged("MTA-STS authentication failed: certificate-host-mismatch"), lines());
  }

  @Test
  void enforceNeverConnectsToAnMxThePolicyDoesNotList() throws Exception {
    send("dave@unlisted.test");
    waitFor(() -> stateOf("dave@unlisted.test") == RecipientState.DEFERRED);
    assertEquals(0, serverA.mailCommands());
    String reply = recipient("dave@unlisted.test").lastReply();
    assertTrue(reply.startsWith("4.7.5"), reply);
    assertTrue(reply.contains("not an mx of the MTA-STS policy of unlisted.test"), reply);
  }

  @Test
  void tlsRequiredNoWaivesTheEnforcePolicyButKeepsTlsWhereOffered() throws Exception {
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      String reply =
          client.sendMail(
              "alice@client.test",
              "Subject: hi\r\nTLS-Required: No\r\n\r\nhello",
              "kim@unlisted.test");
      assertTrue(reply.startsWith("250 2.0.0 Ok: queued as "), reply);
    }
    // RFC 8689 5: the policy that keeps mx.unlisted.test out is waived for this message.
    waitFor(() -> serverA.received().size() == 1);
    assertEquals("TLSv1.3", serverA.received().get(0).tlsProtocol(), "TLS where offered");
  }

  @Test
  void testingDeliversDespiteAWrongCertificateAndLogsWhatEnforceWouldHaveRefused()
      throws Exception {
    send("erin@testing.test");
    waitFor(() -> wrongServer.received().size() == 1);
    waitFor(() -> logged("to=<erin@testing.test>"));
    assertTrue(line("to=<erin@testing.test>").contains("policy=mta-sts-testing"), lines());
    assertTrue(line("to=<erin@testing.test>").contains("status=sent"), lines());
  }

  @Test
  void daneDecidesWhereItAppliesAndThePolicyIsNotEvenFetched() throws Exception {
    long before = policies.requestsFor("mta-sts.both.test");
    send("frank@both.test");
    waitFor(() -> daneServer.received().size() == 1);
    waitFor(() -> logged("to=<frank@both.test>"));
    assertTrue(line("to=<frank@both.test>").contains("tls=dane"), lines());
    assertTrue(line("to=<frank@both.test>").contains("policy=dane"), lines());
    assertEquals(before, policies.requestsFor("mta-sts.both.test"));
  }

  @Test
  void aNewIdInTheTxtRecordFetchesTheChangedPolicy() throws Exception {
    send("grace@change.test");
    waitFor(() -> serverA.received().size() == 1);
    // The domain moves its mail to mx2 and says so with a new policy under a new id.
    policies.serve("mta-sts.change.test", policy("enforce", "mx2.change.test"));
    relay.close();
    try (SignedZoneServer changed = zones("2").serve()) {
      relay = startRelay(changed);
      send("heidi@change.test");
      waitFor(() -> serverB.received().size() == 1);
    }
    assertEquals(1, serverA.received().size(), "mx1 is no longer in the policy");
  }

  @Test
  void aCachedPolicyHoldsWhenThePolicyHostCannotBeReached() throws Exception {
    send("ivan@cached.test");
    waitFor(() -> serverB.received().size() == 1);
    // The policy host breaks, and the TXT id changes, so the relay tries to fetch again.
    policies.answer("mta-sts.cached.test", 503, "text/plain", "down");
    long fetches = policies.requestsFor("mta-sts.cached.test");
    relay.close();
    try (SignedZoneServer changed = zones("2").serve()) {
      relay = startRelay(changed);
      send("judy@cached.test");
      waitFor(() -> serverB.received().size() == 2);
    }
    assertEquals(fetches + 1, policies.requestsFor("mta-sts.cached.test"), "one failed fetch");
    assertEquals(0, serverA.mailCommands(), "mx1 stays out: the cached policy is enforced");
  }

  private RecordingSmtpServer keep(RecordingSmtpServer server) {
    servers.add(server);
    return server;
  }

  /** A delivering relay on {@code resolver}, whose zones have their own signed root. */
  private RelayFixture startRelay(SignedZoneServer resolver) throws Exception {
    Path anchors =
        resolver.zones().writeTrustAnchor(folder.resolve("anchors-" + resolver.port() + ".txt"));
    return RelayFixture.start(
        folder,
        "delivery.hold=false",
        "dns.resolvers=127.0.0.1:" + resolver.port(),
        "dns.dnssec=validate",
        "dns.trust-anchors=" + anchors,
        "dns.timeout=2s",
        "delivery.port=" + port,
        "mta-sts.trust-store=" + trustStore,
        "mta-sts.port=" + policies.port());
  }

  private void send(String recipient) throws Exception {
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      String reply = client.sendMail("alice@client.test", "Subject: hi\r\n\r\nhello", recipient);
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
    return relay.queued().stream()
        .flatMap(m -> m.recipients().stream())
        .filter(r -> r.address().equals(address))
        .findFirst()
        .orElseThrow();
  }

  private boolean logged(String text) {
    synchronized (log) {
      return log.list.stream().anyMatch(e -> e.getFormattedMessage().contains(text));
    }
  }

  private String line(String text) {
    synchronized (log) {
      return log.list.stream()
          .map(ILoggingEvent::getFormattedMessage)
          .filter(l -> l.contains(text))
          .findFirst()
          .orElse("");
    }
  }

  private String lines() {
    synchronized (log) {
      return String.join("\n", log.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    }
  }

  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    Await.until(condition, WAIT);
  }
}
