package org.danerelay.server.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.RelayPerTest;
import org.danerelay.server.testing.SmtpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Octets of the wrong kind: plaintext under TLS, and TLS where plaintext SMTP is spoken. Either way
 * a TLS peer gets the fatal alert it understands and the connection closes at once, not after a
 * timeout.
 */
class NotTlsTest {

  private static final Duration AT_ONCE = Duration.ofSeconds(2);

  @RegisterExtension final RelayPerTest relays = new RelayPerTest();
  private RelayFixture relay;

  @Test
  void answersPlaintextInjectedUnderTlsWithAFatalAlertAtOnce() throws Exception {
    relay = relays.start();
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      client.startTls();
      assertTrue(client.command("EHLO client.test").startsWith("250"));
      long start = System.nanoTime();
      client.sendBeneathTls("MAIL FROM:<attacker@example.org>\r\n");
      String failure = client.tlsFailureWithin(AT_ONCE);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertNotNull(failure, "no alert within " + AT_ONCE);
      assertTrue(failure.contains("unexpected_message"), failure);
      assertTrue(took.compareTo(AT_ONCE) < 0, took::toString);
    }
  }

  @Test
  void answersATlsHandshakeOnThePlaintextPortWithAFatalAlertAtOnce() throws Exception {
    relay = relays.start();
    try (SmtpTestClient client = relay.connect()) {
      assertTrue(client.reply().startsWith("220 "));
      long start = System.nanoTime();
      String failure = client.handshakeWithoutStartTls();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertNotNull(failure, "the handshake succeeded without STARTTLS");
      assertTrue(failure.contains("unexpected_message"), failure);
      assertTrue(took.compareTo(AT_ONCE) < 0, took::toString);
    }
    try (SmtpTestClient next = relay.connect()) {
      assertEquals("250 Ok", afterHello(next).command("NOOP"), "the listener goes on serving");
    }
  }

  private static SmtpTestClient afterHello(SmtpTestClient client) throws Exception {
    client.hello();
    return client;
  }
}
