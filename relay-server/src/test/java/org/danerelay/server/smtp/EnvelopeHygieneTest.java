package org.danerelay.server.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.danerelay.queue.QueuedMessage;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.RelayPerTest;
import org.danerelay.server.testing.SmtpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a client says about itself and its recipients reaches the queue clean and once. */
class EnvelopeHygieneTest {

  @RegisterExtension final RelayPerTest relays = new RelayPerTest();

  @Test
  void refusesAnEhloNameWithControlCharactersAndKeepsTheValidOne() throws Exception {
    RelayFixture relay = relays.start();
    try (SmtpTestClient client = relay.connect()) {
      client.reply();
      assertEquals(
          "501 5.5.4 Syntax: EHLO domain or address literal",
          client.command("EHLO evil\u001b[31m\u0007\u0000"));
      assertEquals(
          "501 5.5.4 Syntax: HELO domain or address literal", client.command("HELO bad_name"));
      assertTrue(client.command("EHLO good.example").startsWith("250-"));
      assertTrue(
          client
              .sendMail("s@example.org", "Subject: x\r\n\r\nx", "a@local.test")
              .startsWith("250 "));
    }
    QueuedMessage queued = relay.queued().get(0);
    assertEquals("good.example", queued.clientHelo());
  }

  @Test
  void queuesARecipientNamedNineHundredNinetyNineTimesOnce() throws Exception {
    RelayFixture relay = relays.start();
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      assertTrue(client.command("MAIL FROM:<s@example.org>").startsWith("250"));
      // Each counts towards smtpd.max-recipients (1,000) but is queued once.
      for (int i = 0; i < 999; i++) {
        String domain = i % 2 == 0 ? "local.test" : "LOCAL.Test";
        assertEquals("250 2.1.5 Ok", client.command("RCPT TO:<same@" + domain + ">"));
      }
      assertEquals("250 2.1.5 Ok", client.command("RCPT TO:<Same@local.test>"));
      assertTrue(client.command("DATA").startsWith("354"));
      client.send("Subject: once\r\n\r\nonce\r\n.\r\n");
      assertTrue(client.reply().startsWith("250 "));
    }
    QueuedMessage queued = relay.queued().get(0);
    // Domains compare without case; local parts are case-sensitive (RFC 5321 2.4).
    assertEquals(2, queued.recipients().size(), queued.recipients()::toString);
  }
}
