package org.danerelay.server.outbound.smtp;

import static org.danerelay.server.outbound.smtp.TestAttempts.attempt;
import static org.danerelay.server.outbound.smtp.TestAttempts.dane;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.danerelay.dane.policy.Attempt;
import org.danerelay.dane.tlsa.TlsaRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** TLS sessions are resumed on new connections, and only under the same TLSA records. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsResumptionTest {

  private ClientLoop client;

  @BeforeEach
  void start() {
    client = ClientLoop.start();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
  }

  @Test
  void resumesTheTlsSessionOnTheNextConnectionAndStillReportsDane() throws Exception {
    TestCertificates.Minted cert = TestCertificates.selfSigned(TestAttempts.MX);
    try (RecordingSmtpServer server = RecordingSmtpServer.withTls(cert)) {
      Attempt attempt = attempt(server.port(), dane(new TlsaRecord(3, 1, 1, cert.spkiSha256())));

      AttemptResult first = deliver(attempt);
      AttemptResult second = deliver(attempt);

      assertTrue(first.allDelivered() && second.allDelivered(), second.summary());
      assertTrue(second.tls().orElseThrow().dane().isPresent(), second.summary());
      List<RecordingSmtpServer.Received> received = server.received();
      assertNotEquals(received.get(0).sessionId(), received.get(1).sessionId(), "two connections");
      assertEquals(
          received.get(0).tlsSessionCreated(), received.get(1).tlsSessionCreated(), "resumed");
    }
  }

  @Test
  void makesAFullHandshakeWhenTheTlsaRecordsChanged() throws Exception {
    TestCertificates.Minted cert = TestCertificates.selfSigned(TestAttempts.MX);
    try (RecordingSmtpServer server = RecordingSmtpServer.withTls(cert)) {
      AttemptResult before =
          deliver(attempt(server.port(), dane(new TlsaRecord(3, 1, 1, cert.spkiSha256()))));
      AttemptResult after =
          deliver(attempt(server.port(), dane(new TlsaRecord(3, 0, 1, cert.certSha256()))));

      assertTrue(before.allDelivered() && after.allDelivered(), after.summary());
      assertEquals(0, after.tls().orElseThrow().dane().orElseThrow().matched().selector());
      List<RecordingSmtpServer.Received> received = server.received();
      assertNotEquals(received.get(0).tlsSessionCreated(), received.get(1).tlsSessionCreated());
    }
  }

  private AttemptResult deliver(Attempt attempt) throws Exception {
    return client.deliver(attempt);
  }
}
