package org.danerelay.server.outbound.smtp;

import static org.danerelay.server.outbound.smtp.TestAttempts.attempt;
import static org.danerelay.server.outbound.smtp.TestAttempts.dane;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.danerelay.dane.policy.Attempt;
import org.danerelay.dane.policy.TlsRequirement;
import org.danerelay.dane.tlsa.TlsaRecord;
import org.danerelay.dane.verify.DaneVerdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One delivery attempt against real receiving servers on loopback. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SmtpDeliveryTest {

  private static final String MX = TestAttempts.MX;
  private static final DeliveryEnvelope ONE = ClientLoop.ONE;
  private static final byte[] MESSAGE = ClientLoop.MESSAGE;

  private static ClientLoop client;

  @BeforeAll
  static void startLoop() {
    client = ClientLoop.start();
  }

  @AfterAll
  static void stopLoop() throws Exception {
    client.close();
  }

  @Test
  void deliversOverTlsAndReportsTheVerdictWhenDaneEeMatches() throws Exception {
    TestCertificates.Minted cert = TestCertificates.selfSigned(MX);
    TlsaRecord record = new TlsaRecord(3, 1, 1, cert.spkiSha256());
    try (RecordingSmtpServer server = RecordingSmtpServer.withTls(cert)) {
      AttemptResult result = deliver(attempt(server.port(), dane(record)), ONE, MESSAGE);

      assertTrue(result.allDelivered(), result.summary());
      TlsSession tls = result.tls().orElseThrow();
      DaneVerdict.Authenticated verdict = tls.dane().orElseThrow();
      assertEquals(record, verdict.matched());
      assertEquals(0, verdict.depth());
      assertTrue(tls.protocol().startsWith("TLSv1."), tls.protocol());
      assertEquals(1, server.received().size());
      assertEquals(tls.protocol(), server.received().get(0).tlsProtocol());
      assertEquals(List.of("alice@dest.example"), server.received().get(0).recipients());
    }
  }

  @Test
  void sendsNothingAndDefersWith475WhenDaneRecordsDoNotMatch() throws Exception {
    TestCertificates.Minted presented = TestCertificates.selfSigned(MX);
    TestCertificates.Minted published = TestCertificates.selfSigned(MX);
    TlsaRecord record = new TlsaRecord(3, 1, 1, published.spkiSha256());
    try (RecordingSmtpServer server = RecordingSmtpServer.withTls(presented)) {
      AttemptResult result = deliver(attempt(server.port(), dane(record)), ONE, MESSAGE);

      assertDeferred475(result);
      assertTrue(result.failure().orElseThrow().contains("DANE"), result.failure().get());
      assertFalse(result.mayRetryWithoutTls(), "DANE never falls back to plaintext");
      assertEquals(0, server.mailCommands(), "the server must see no MAIL command");
      assertTrue(server.received().isEmpty());
    }
  }

  @Test
  void sendsNothingAndDefersWith475WhenTlsaExistsButStarttlsIsNotOffered() throws Exception {
    TlsaRecord record = new TlsaRecord(3, 1, 1, new byte[32]);
    try (RecordingSmtpServer server = RecordingSmtpServer.withoutTls()) {
      AttemptResult result = deliver(attempt(server.port(), dane(record)), ONE, MESSAGE);

      assertDeferred475(result);
      assertEquals(
          "4.7.5 STARTTLS not offered but DANE TLSA records exist: not delivered",
          result.failure().orElseThrow());
      assertEquals(0, server.mailCommands());
    }
  }

  @Test
  void sendsNothingAndDefersWith475WhenEncryptionIsRequiredButStarttlsIsNotOffered()
      throws Exception {
    try (RecordingSmtpServer server = RecordingSmtpServer.withoutTls()) {
      TlsRequirement encrypt = new TlsRequirement.EncryptRequired("level encrypt", false);
      AttemptResult result = deliver(attempt(server.port(), encrypt), ONE, MESSAGE);

      assertDeferred475(result);
      assertEquals(0, server.mailCommands());
    }
  }

  @Test
  void deliversOverUnauthenticatedTlsWhenOpportunisticAndTheCertificateIsSelfSigned()
      throws Exception {
    try (RecordingSmtpServer server =
        RecordingSmtpServer.withTls(TestCertificates.selfSigned("other.example"))) {
      AttemptResult result =
          deliver(attempt(server.port(), new TlsRequirement.Opportunistic()), ONE, MESSAGE);

      assertTrue(result.allDelivered(), result.summary());
      TlsSession tls = result.tls().orElseThrow();
      assertTrue(tls.dane().isEmpty());
      assertEquals(tls.protocol(), server.received().get(0).tlsProtocol());
    }
  }

  @Test
  void deliversInPlaintextWhenOpportunisticAndStarttlsIsNotOffered() throws Exception {
    try (RecordingSmtpServer server = RecordingSmtpServer.withoutTls()) {
      AttemptResult result =
          deliver(attempt(server.port(), new TlsRequirement.Opportunistic()), ONE, MESSAGE);

      assertTrue(result.allDelivered(), result.summary());
      assertTrue(result.tls().isEmpty());
    }
  }

  @Test
  void neverStartsTlsWhenPlaintextOnlyEvenIfOffered() throws Exception {
    try (RecordingSmtpServer server =
        RecordingSmtpServer.withTls(TestCertificates.selfSigned(MX))) {
      AttemptResult result =
          deliver(attempt(server.port(), new TlsRequirement.PlaintextOnly()), ONE, MESSAGE);

      assertTrue(result.allDelivered(), result.summary());
      assertTrue(result.tls().isEmpty());
      assertEquals(null, server.received().get(0).tlsProtocol());
      assertEquals("sender@relay.test", server.received().get(0).sender());
    }
  }

  @Test
  void bouncesOnlyTheRecipientRefusedWith550AndDeliversTheOther() throws Exception {
    DeliveryEnvelope two =
        new DeliveryEnvelope("sender@relay.test", List.of("gone@dest.example", "bob@dest.example"));
    try (RecordingSmtpServer server =
        RecordingSmtpServer.withTls(TestCertificates.selfSigned(MX), "gone@dest.example")) {
      AttemptResult result =
          deliver(attempt(server.port(), new TlsRequirement.Opportunistic()), two, MESSAGE);

      RecipientOutcome gone = result.recipients().get(0);
      RecipientOutcome bob = result.recipients().get(1);
      assertEquals(550, assertInstanceOf(RecipientOutcome.Bounced.class, gone).reply().code());
      assertEquals("gone@dest.example", gone.recipient());
      assertEquals(250, assertInstanceOf(RecipientOutcome.Delivered.class, bob).reply().code());
      assertEquals(List.of("bob@dest.example"), server.received().get(0).recipients());
    }
  }

  @Test
  void dotStuffsLinesStartingWithADotSoTheServerReceivesThemUnchanged() throws Exception {
    byte[] message =
        "Subject: dots\r\n\r\n.hidden\r\n..two\r\n.\r\nlast line without ending"
            .getBytes(StandardCharsets.US_ASCII);
    try (RecordingSmtpServer server = RecordingSmtpServer.withoutTls()) {
      AttemptResult result =
          deliver(attempt(server.port(), new TlsRequirement.PlaintextOnly()), ONE, message);

      assertTrue(result.allDelivered(), result.summary());
      String received = server.received().get(0).text();
      assertTrue(
          received.contains("\r\n.hidden\r\n..two\r\n.\r\nlast line without ending"), received);
    }
  }

  @Test
  void abortsWithoutSendingMailWhenAReplyIsInjectedAfterThe220ToStarttls() throws Exception {
    try (ScriptedSmtpPeer peer =
        new ScriptedSmtpPeer(
            "220 mx.example ESMTP\r\n",
            "250-mx.example\r\n250 STARTTLS\r\n",
            "220 go ahead\r\n250 injected\r\n")) {
      AttemptResult result =
          deliver(attempt(peer.port(), new TlsRequirement.Opportunistic()), ONE, MESSAGE);

      assertDeferred475(result);
      assertTrue(result.failure().orElseThrow().contains("injection"), result.failure().get());
      assertFalse(result.mayRetryWithoutTls());
      String heard = peer.transcript().get(10, TimeUnit.SECONDS);
      assertFalse(heard.contains("MAIL"), heard);
      assertTrue(heard.endsWith("STARTTLS\r\n"), heard);
    }
  }

  @Test
  void defersWith441WhenNothingListens() throws Exception {
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, loopback())) {
      port = probe.getLocalPort();
    }
    AttemptResult result = deliver(attempt(port, new TlsRequirement.Opportunistic()), ONE, MESSAGE);

    RecipientOutcome.Deferred deferred =
        assertInstanceOf(RecipientOutcome.Deferred.class, result.recipients().get(0));
    assertEquals("4.4.1", deferred.status());
  }

  @Test
  void reportsThatPlaintextMayBeRetriedWhenTheOpportunisticHandshakeFails() throws Exception {
    try (RecordingSmtpServer server =
        RecordingSmtpServer.withBrokenTls(TestCertificates.selfSigned(MX))) {
      AttemptResult result =
          deliver(attempt(server.port(), new TlsRequirement.Opportunistic()), ONE, MESSAGE);

      assertDeferred475(result);
      assertTrue(result.mayRetryWithoutTls(), result.summary());
      assertEquals(0, server.mailCommands(), "never plaintext on the same connection");
    }
  }

  @Test
  void fallsBackToHeloWhenEhloIsRefusedWith5xxAndDefersA4xxRecipient() throws Exception {
    try (ScriptedSmtpPeer peer =
        new ScriptedSmtpPeer(
            "220 mx.example SMTP\r\n",
            "502 5.5.1 EHLO not implemented\r\n",
            "250 mx.example\r\n",
            "250 2.1.0 ok\r\n",
            "451 4.3.0 try again later\r\n",
            "221 2.0.0 bye\r\n")) {
      AttemptResult result =
          deliver(attempt(peer.port(), new TlsRequirement.Opportunistic()), ONE, MESSAGE);

      RecipientOutcome.Deferred deferred =
          assertInstanceOf(RecipientOutcome.Deferred.class, result.recipients().get(0));
      assertEquals("4.3.0", deferred.status());
      assertEquals(
          "EHLO relay.test\r\nHELO relay.test\r\nMAIL FROM:<sender@relay.test>\r\n"
              + "RCPT TO:<alice@dest.example>\r\nQUIT\r\n",
          peer.transcript().get(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void defersWith442WhenTheServerNeverGreets() throws Exception {
    try (ClientLoop impatient = ClientLoop.impatient(Duration.ofMillis(300));
        ScriptedSmtpPeer silent = new ScriptedSmtpPeer()) {
      AttemptResult result =
          impatient.deliver(attempt(silent.port(), new TlsRequirement.Opportunistic()));

      assertEquals("4.4.2", deferredStatus(result));
      assertTrue(result.failure().orElseThrow().contains("greeting"), result.summary());
    }
  }

  @Test
  void defersWith450WhenTheServerAnswersWithSomethingThatIsNotSmtp() throws Exception {
    try (ScriptedSmtpPeer web = new ScriptedSmtpPeer("HTTP/1.1 400 Bad Request\r\n")) {
      AttemptResult result =
          deliver(attempt(web.port(), new TlsRequirement.Opportunistic()), ONE, MESSAGE);

      assertEquals("4.5.0", deferredStatus(result));
      assertTrue(result.failure().orElseThrow().contains("malformed reply"), result.summary());
    }
  }

  @Test
  void addsTheSizeParameterWhenTheServerOffersSize() throws Exception {
    try (ScriptedSmtpPeer peer =
        new ScriptedSmtpPeer(
            "220 mx.example ESMTP\r\n",
            "250-mx.example\r\n250 SIZE 1000000\r\n",
            "552 5.3.4 too big\r\n",
            "221 bye\r\n")) {
      AttemptResult result =
          deliver(attempt(peer.port(), new TlsRequirement.Opportunistic()), ONE, MESSAGE);

      assertInstanceOf(RecipientOutcome.Bounced.class, result.recipients().get(0));
      assertTrue(
          peer.transcript()
              .get(10, TimeUnit.SECONDS)
              .contains("MAIL FROM:<sender@relay.test> SIZE=" + MESSAGE.length + "\r\n"));
    }
  }

  private static String deferredStatus(AttemptResult result) {
    return assertInstanceOf(RecipientOutcome.Deferred.class, result.recipients().get(0)).status();
  }

  private static AttemptResult deliver(Attempt attempt, DeliveryEnvelope envelope, byte[] body)
      throws Exception {
    return client.deliver(attempt, envelope, body);
  }

  private static void assertDeferred475(AttemptResult result) {
    assertTrue(result.failure().orElseThrow().startsWith("4.7.5 "), result.summary());
    for (RecipientOutcome outcome : result.recipients()) {
      RecipientOutcome.Deferred deferred =
          assertInstanceOf(RecipientOutcome.Deferred.class, outcome, result.summary());
      assertEquals("4.7.5", deferred.status());
    }
  }

  private static InetAddress loopback() {
    return InetAddress.getLoopbackAddress();
  }
}
