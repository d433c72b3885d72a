package org.danerelay.server.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.RelayPerTest;
import org.danerelay.server.testing.SmtpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Error limits, as Postfix's {@code smtpd_soft_error_limit}, {@code smtpd_hard_error_limit} and
 * {@code smtpd_junk_command_limit}: a client that only makes errors is slowed down, then cut off.
 */
class ErrorLimitsTest {

  private static final String TOO_MANY = "421 4.7.0 Error: too many errors, closing connection";
  // Loopback clients are outsiders here: their RCPTs to other domains are refused.
  private static final String OUTSIDERS = "relay.networks=192.0.2.0/24";

  @RegisterExtension final RelayPerTest relays = new RelayPerTest();

  @Test
  void slowsDownPastTheSoftLimitAndClosesAtTheHardLimitCountingRefusedRecipients()
      throws Exception {
    RelayFixture relay =
        relays.start(
            OUTSIDERS,
            "smtpd.soft-error-limit=2",
            "smtpd.hard-error-limit=5",
            "smtpd.error-sleep-time=400ms");
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      assertTrue(client.command("MAIL FROM:<s@example.org>").startsWith("250"));
      for (int error = 1; error <= 5; error++) {
        long start = System.nanoTime();
        String reply = client.command("RCPT TO:<victim" + error + "@example.net>");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(reply.startsWith("554 5.7.1"), reply);
        // Errors 1 and 2 are free; the commands after the 3rd, 4th ... wait.
        boolean slowed = error > 3;
        assertEquals(slowed, took.compareTo(Duration.ofMillis(350)) >= 0, error + ": " + took);
      }
      assertEquals(TOO_MANY, client.replyWithin(Duration.ofSeconds(5)));
      assertTrue(client.closedWithin(Duration.ofSeconds(3)));
    }
  }

  @Test
  void endsASessionOfUnknownCommandsAtTheHardLimit() throws Exception {
    RelayFixture relay = relays.start("smtpd.hard-error-limit=20", "smtpd.error-sleep-time=0s");
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      client.send("XYZZY\r\n".repeat(5_000));
      var replies = client.repliesUntil(TOO_MANY::equals, Duration.ofSeconds(10));
      assertEquals(TOO_MANY, replies.get(replies.size() - 1));
      assertEquals(21, replies.size(), "20 errors, then the 421");
      assertTrue(client.closedWithin(Duration.ofSeconds(3)));
    }
  }

  @Test
  void countsJunkCommandsPastTheirLimitAsErrors() throws Exception {
    RelayFixture relay =
        relays.start(
            "smtpd.junk-command-limit=5", "smtpd.hard-error-limit=2", "smtpd.error-sleep-time=0s");
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      // The 6th and 7th NOOP are answered, and are the 1st and 2nd error.
      for (int i = 0; i < 7; i++) {
        assertEquals("250 Ok", client.command("NOOP"), "NOOP " + (i + 1));
      }
      assertEquals(TOO_MANY, client.replyWithin(Duration.ofSeconds(5)));
    }
  }

  @Test
  void forgivesTheErrorsOfAClientThatGetsAMessageQueued() throws Exception {
    RelayFixture relay = relays.start("smtpd.hard-error-limit=3", "smtpd.error-sleep-time=0s");
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      for (int round = 0; round < 3; round++) {
        assertEquals("500 5.5.1 Error: command not recognized", client.command("MAILX"));
        assertEquals("500 5.5.1 Error: command not recognized", client.command("RCPTX"));
        assertTrue(
            client
                .sendMail("s@example.org", "Subject: ok\r\n\r\nok", "a@local.test")
                .startsWith("250 "),
            "round " + round);
      }
    }
  }
}
