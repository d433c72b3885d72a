package org.danerelay.server.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.RelayPerTest;
import org.danerelay.server.testing.SmtpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RFC 5321 4.5.3.1.4 and 4.2.4: a command line that is too long is answered {@code 500 5.5.2} and
 * the session goes on; the line is never run, not even a part of it.
 */
class OverlongLineTest {

  private static final String LINE_TOO_LONG = "500 5.5.2 Line too long";

  @RegisterExtension final RelayPerTest relays = new RelayPerTest();
  private RelayFixture relay;

  @Test
  void answersALineOf998OctetsWith500AndTheSessionGoesOn() throws Exception {
    relay = relays.start();
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      assertEquals(LINE_TOO_LONG, client.command(mailFromOfLength(998)));
      // Nothing of the overlong MAIL was run: there is no transaction to add a recipient to.
      assertEquals("503 5.5.1 Error: need MAIL command", client.command("RCPT TO:<a@local.test>"));
      assertEquals("250 Ok", client.command("NOOP"));
    }
    assertEquals(List.of(), relay.queued());
  }

  @Test
  void runsALineOf997OctetsAndRefusesOneOf998() throws Exception {
    relay = relays.start();
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      assertEquals("250 Ok", client.command("NOOP " + "z".repeat(992)));
      assertEquals(LINE_TOO_LONG, client.command("NOOP " + "z".repeat(993)));
    }
  }

  @Test
  void acceptsMailAfterAnOverlongLineOfTwentyThousandOctets() throws Exception {
    relay = relays.start();
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      assertEquals(LINE_TOO_LONG, client.command("NOOP " + "x".repeat(20_000)));
      assertTrue(
          client
              .sendMail("sender@example.org", "Subject: after\r\n\r\nbody", "a@local.test")
              .startsWith("250 "));
    }
    assertEquals(1, relay.queued().size());
  }

  @Test
  void answersAnOverlongLineUnderTlsWith500AndTheSessionGoesOn() throws Exception {
    relay = relays.start();
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      client.startTls();
      client.command("EHLO client.test");
      assertEquals(LINE_TOO_LONG, client.command(mailFromOfLength(5_000)));
      assertEquals("250 2.1.0 Ok", client.command("MAIL FROM:<sender@example.org>"));
    }
  }

  @Test
  void answersEachOfSeveralPipelinedOverlongLinesAndRunsTheShortOnesBetween() throws Exception {
    relay = relays.start();
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      String overlong = "NOOP " + "y".repeat(1_500) + "\r\n";
      client.send(overlong + "NOOP\r\n" + overlong + "RSET\r\n");
      assertEquals(LINE_TOO_LONG, client.reply());
      assertEquals("250 Ok", client.reply());
      assertEquals(LINE_TOO_LONG, client.reply());
      assertEquals("250 Ok", client.reply());
    }
  }

  /** A {@code MAIL FROM:<...@example.org>} line of exactly {@code octets} before CRLF. */
  private static String mailFromOfLength(int octets) {
    String shell = "MAIL FROM:<@example.org>";
    String line = "MAIL FROM:<" + "a".repeat(octets - shell.length()) + "@example.org>";
    assertEquals(octets, line.length());
    return line;
  }
}
