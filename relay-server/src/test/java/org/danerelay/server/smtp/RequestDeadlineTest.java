package org.danerelay.server.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.RelayPerTest;
import org.danerelay.server.testing.SmtpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deadlines per request, as Postfix's {@code smtpd_per_request_deadline} and {@code
 * smtpd_min_data_rate}: a trickle of octets does not restart the clock, steady content earns time.
 */
class RequestDeadlineTest {

  private static final String TIMEOUT = "421 4.4.2 Timeout exceeded, closing connection";
  private static final String TOO_SLOW = "421 4.4.2 Data rate too low, closing connection";

  @RegisterExtension final RelayPerTest relays = new RelayPerTest();
  private RelayFixture relay;

  @Test
  void cutsOffACommandTrickledOneOctetAtATimeOnceTheCommandTimeoutIsSpentInAll() throws Exception {
    relay = relays.start("smtpd.idle-timeout=2s");
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      long start = System.nanoTime();
      String reply = trickle(client, "MAIL FROM:<" + "t".repeat(100), Duration.ofMillis(100));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertEquals(TIMEOUT, reply);
      // Not restarted per octet: 100 ms apart, they would keep a per-read timeout for ever.
      assertTrue(took.compareTo(Duration.ofMillis(1_800)) >= 0, took::toString);
      assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0, took::toString);
      assertTrue(client.closedWithin(Duration.ofSeconds(3)));
    }
  }

  @Test
  void cutsOffContentTrickledBelowTheMinimumDataRate() throws Exception {
    relay = relays.start("smtpd.idle-timeout=2s", "smtpd.min-data-rate=500");
    try (SmtpTestClient client = relay.connect()) {
      startContent(client);
      // 10 octets every 100 ms is 100 octets a second: a fifth of the minimum rate.
      String reply = trickle(client, "x".repeat(10).repeat(100), Duration.ofMillis(10));
      assertEquals(TOO_SLOW, reply);
    }
    assertEquals(List.of(), relay.queued());
  }

  @Test
  void acceptsContentThatTakesLongerThanTheTimeoutButComesFastEnough() throws Exception {
    relay = relays.start("smtpd.idle-timeout=2s", "smtpd.min-data-rate=500");
    try (SmtpTestClient client = relay.connect()) {
      startContent(client);
      client.send("Subject: steady\r\n\r\n");
      // 16 lines of 1,000 octets, one every 250 ms: 4 s in all at 4,000 octets a second.
      for (int line = 0; line < 16; line++) {
        client.send("y".repeat(998) + "\r\n");
        Thread.sleep(250);
      }
      client.send(".\r\n");
      assertTrue(client.reply().startsWith("250 "));
    }
    assertEquals(1, relay.queued().size());
  }

  @Test
  void closesAStalledTlsHandshakeAfterTheCommandTimeout() throws Exception {
    relay = relays.start("smtpd.idle-timeout=1s");
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      client.send("STARTTLS\r\n");
      assertEquals("220 2.0.0 Ready to start TLS", client.reply());
      // No ClientHello follows; a reply is impossible mid-handshake, so it just closes.
      assertTrue(client.closedWithin(Duration.ofSeconds(4)));
    }
  }

  private static void startContent(SmtpTestClient client) throws IOException {
    client.hello();
    assertTrue(client.command("MAIL FROM:<sender@example.org>").startsWith("250"));
    assertTrue(client.command("RCPT TO:<a@local.test>").startsWith("250"));
    assertTrue(client.command("DATA").startsWith("354"));
  }

  /**
   * Sends {@code text} one octet at a time, {@code step} apart, until the relay replies; returns
   * the reply, or null if it never did.
   */
  private static String trickle(SmtpTestClient client, String text, Duration step)
      throws IOException {
    for (int i = 0; i < text.length(); i++) {
      try {
        client.send(text.substring(i, i + 1));
      } catch (IOException closed) {
        return client.replyWithin(Duration.ofSeconds(1));
      }
      String reply = client.replyWithin(step);
      if (reply != null) {
        return reply;
      }
    }
    return null;
  }
}
