package org.danerelay.server.outbound.smtp;

import static org.danerelay.server.outbound.smtp.TestAttempts.attempt;
import static org.danerelay.server.outbound.smtp.TestAttempts.dane;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.danerelay.dane.policy.Attempt;
import org.danerelay.dane.policy.TlsRequirement;
import org.danerelay.dane.tlsa.TlsaRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Several messages on one connection, only where host and TLS requirement are the same. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionReuseTest {

  private ClientLoop client;

  @BeforeEach
  void start() {
    client =
        ClientLoop.start(new ConnectionReuse(Duration.ofSeconds(5), Duration.ofSeconds(60), 3, 10));
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
  }

  @Test
  void sendsTheNextMessageForTheSameDaneHostOnTheSameAuthenticatedConnection() throws Exception {
    TestCertificates.Minted cert = TestCertificates.selfSigned(TestAttempts.MX);
    try (RecordingSmtpServer server = RecordingSmtpServer.withTls(cert)) {
      Attempt attempt = attempt(server.port(), dane(new TlsaRecord(3, 1, 1, cert.spkiSha256())));

      AttemptResult first = deliver(attempt);
      AttemptResult second = deliver(attempt);

      assertTrue(first.allDelivered() && second.allDelivered(), second.summary());
      assertEquals(1, first.connectionUse());
      assertEquals(2, second.connectionUse());
      assertTrue(second.tls().orElseThrow().dane().isPresent(), "still DANE-authenticated");
      List<RecordingSmtpServer.Received> received = server.received();
      assertEquals(2, received.size());
      assertEquals(received.get(0).sessionId(), received.get(1).sessionId());
      assertEquals(2, server.mailCommands(), "one MAIL per message");
    }
  }

  @Test
  void neverCarriesADaneMessageOnAConnectionMadeWithLessProtection() throws Exception {
    TestCertificates.Minted cert = TestCertificates.selfSigned(TestAttempts.MX);
    try (RecordingSmtpServer server = RecordingSmtpServer.withTls(cert)) {
      AttemptResult opportunistic =
          deliver(attempt(server.port(), new TlsRequirement.Opportunistic()));
      AttemptResult withDane =
          deliver(attempt(server.port(), dane(new TlsaRecord(3, 1, 1, cert.spkiSha256()))));

      assertTrue(opportunistic.allDelivered() && withDane.allDelivered(), withDane.summary());
      assertEquals(1, withDane.connectionUse(), "a connection of its own");
      assertTrue(withDane.tls().orElseThrow().dane().isPresent());
      List<RecordingSmtpServer.Received> received = server.received();
      assertNotEquals(received.get(0).sessionId(), received.get(1).sessionId());
    }
  }

  @Test
  void startsANewConnectionAfterTheMessageLimit() throws Exception {
    try (RecordingSmtpServer server = RecordingSmtpServer.withoutTls()) {
      Attempt attempt = attempt(server.port(), new TlsRequirement.PlaintextOnly());
      for (int i = 0; i < 4; i++) {
        assertTrue(deliver(attempt).allDelivered());
      }

      List<String> sessions =
          server.received().stream().map(RecordingSmtpServer.Received::sessionId).toList();
      assertEquals(sessions.get(0), sessions.get(2), "three messages share the first connection");
      assertNotEquals(sessions.get(2), sessions.get(3), "the limit is 3 messages");
    }
  }

  @Test
  void sendsTheMessageOnANewConnectionWhenTheIdleOneRefusesRset() throws Exception {
    List<String> firstConnection =
        ScriptedSmtpPeer.oneMessage(
            "250 mx.example\r\n",
            "250 2.0.0 first\r\n",
            "421 4.4.2 mx.example closing\r\n",
            "221 2.0.0 bye\r\n");
    List<String> secondConnection =
        ScriptedSmtpPeer.oneMessage(
            "250 mx.example\r\n", "250 2.0.0 second\r\n", "221 2.0.0 bye\r\n");
    try (ScriptedSmtpPeer peer =
        ScriptedSmtpPeer.forConnections(List.of(firstConnection, secondConnection))) {
      Attempt attempt = attempt(peer.port(), new TlsRequirement.Opportunistic());

      AttemptResult first = deliver(attempt);
      AttemptResult second = deliver(attempt);

      assertTrue(first.allDelivered(), first.summary());
      assertTrue(second.allDelivered(), second.summary());
      assertTrue(second.summary().contains("250 2.0.0 second"), second.summary());
      assertEquals(1, second.connectionUse());
      assertTrue(
          peer.transcript(0).get(10, TimeUnit.SECONDS).endsWith(".\r\nRSET\r\nQUIT\r\n"),
          "the stale connection was checked with RSET and closed");
    }
  }

  @Test
  void endsIdleConnectionsWithQuitWhenTheClientStops() throws Exception {
    try (ScriptedSmtpPeer peer =
        ScriptedSmtpPeer.forConnections(
            List.of(
                ScriptedSmtpPeer.oneMessage(
                    "250 mx.example\r\n", "250 2.0.0 queued\r\n", "221 2.0.0 bye\r\n")))) {
      assertTrue(deliver(attempt(peer.port(), new TlsRequirement.Opportunistic())).allDelivered());

      client.close(); // the connection is idle, waiting for a next message that never comes

      assertTrue(peer.transcript(0).get(5, TimeUnit.SECONDS).endsWith(".\r\nQUIT\r\n"));
    }
  }

  private AttemptResult deliver(Attempt attempt) throws Exception {
    return client.deliver(attempt);
  }
}
