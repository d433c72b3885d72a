package org.danerelay.server.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.danerelay.queue.QueuedMessage;
import org.danerelay.queue.QueuedRecipient;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.RelayPerTest;
import org.danerelay.server.testing.SmtpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Size, recipient and line limits, and commands out of order: refused, and the session lives on.
 */
class LimitsTest {

  private static final Pattern QUEUED =
      Pattern.compile("^250 2\\.0\\.0 Ok: queued as ([0-9A-Z]+)$");
  private static final String TOO_BIG = "552 5.3.4 Message size exceeds fixed maximum message size";
  private static final String LINE_TOO_LONG =
      "550 5.6.0 Message refused: a line is longer than the limit";
  private static final String SMALL = "Subject: small\r\n\r\nHello.";

  @RegisterExtension final RelayPerTest relays = new RelayPerTest();
  private RelayFixture relay;

  @Test
  void refusesAMessageOverTheSizeLimitWith552AndQueuesTheNextOneOnTheSameConnection()
      throws Exception {
    relay = relays.start("smtpd.max-message-size=10K");
    String second;
    try (SmtpTestClient client = relay.connect()) {
      assertTrue(client.hello().contains("250-SIZE 10240"));
      String line = "x".repeat(78) + "\r\n"; // 80 octets a line, 256 lines: 20 KiB
      String big = "Subject: big\r\n\r\n" + line.repeat(256) + "end";
      assertEquals(TOO_BIG, client.sendMail("alice@example.org", big, "bob@example.net"));
      second = client.sendMail("alice@example.org", SMALL, "bob@example.net");
    }
    assertEquals(queueId(second), onlyMessage().id());
  }

  @ParameterizedTest
  @MethodSource
  void judgesTheDeclaredSizeAtMail(String mail, String reply) throws Exception {
    relay = relays.start("smtpd.max-message-size=10K");
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      assertEquals(reply, client.command(mail));
    }
  }

  static Stream<Arguments> judgesTheDeclaredSizeAtMail() {
    return Stream.of(
        argumentSet(
            "RFC 1870 6.1: over the limit", "MAIL FROM:<a@example.org> SIZE=999999", TOO_BIG),
        argumentSet(
            "RFC 1870 6.1: exactly the limit",
            "MAIL FROM:<a@example.org> SIZE=10240",
            "250 2.1.0 Ok"),
        argumentSet(
            "RFC 1870 6.1: absurdly large",
            "MAIL FROM:<a@example.org> SIZE=99999999999999999999",
            TOO_BIG));
  }

  @Test
  void refusesTheFourthRecipientWith452AndQueuesTheFirstThree() throws Exception {
    relay = relays.start("smtpd.max-recipients=3");
    String reply;
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      assertEquals("250 2.1.0 Ok", client.command("MAIL FROM:<alice@example.org>"));
      for (String rcpt : List.of("a@example.net", "b@example.net", "c@example.net")) {
        assertEquals("250 2.1.5 Ok", client.command("RCPT TO:<" + rcpt + ">"));
      }
      // RFC 5321 4.5.3.1.10: 452, so the client sends the rest in another transaction.
      assertEquals(
          "452 4.5.3 Error: too many recipients", client.command("RCPT TO:<d@example.net>"));
      assertEquals("354 End data with <CR><LF>.<CR><LF>", client.command("DATA"));
      client.send(SMALL + "\r\n.\r\n");
      reply = client.reply();
    }
    QueuedMessage message = onlyMessage();
    assertEquals(queueId(reply), message.id());
    assertEquals(
        List.of("a@example.net", "b@example.net", "c@example.net"),
        message.recipients().stream().map(QueuedRecipient::address).toList());
  }

  @Test
  void refusesAMessageLineOver998OctetsWith550AndQueuesTheNextOneOnTheSameConnection()
      throws Exception {
    relay = relays.start();
    String second;
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      String longLine = "Subject: long\r\n\r\n" + "y".repeat(1200) + "\r\nend";
      assertEquals(
          LINE_TOO_LONG, client.sendMail("alice@example.org", longLine, "bob@example.net"));
      second = client.sendMail("alice@example.org", SMALL, "bob@example.net");
    }
    assertEquals(queueId(second), onlyMessage().id());
  }

  @Test
  void queuesAMessageLineOfExactly998Octets() throws Exception {
    relay = relays.start();
    String reply;
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      // RFC 5321 4.5.3.1.6: 1000 octets including CRLF is the most a line may be.
      String body = "Subject: edge\r\n\r\n" + "z".repeat(998) + "\r\nend";
      reply = client.sendMail("alice@example.org", body, "bob@example.net");
    }
    assertEquals(queueId(reply), onlyMessage().id());
  }

  @ParameterizedTest
  @MethodSource
  void refusesACommandOutOfPlace(List<String> before, String command, String reply)
      throws Exception {
    relay = relays.start();
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      for (String setup : before) {
        assertTrue(client.command(setup).startsWith("250 "), setup);
      }
      assertEquals(reply, client.command(command));
      assertEquals("250 Ok", client.command("NOOP"));
    }
    assertEquals(List.of(), relay.queued());
  }

  static Stream<Arguments> refusesACommandOutOfPlace() {
    List<String> mail = List.of("MAIL FROM:<a@example.org>");
    return Stream.of(
        argumentSet(
            "RFC 5321 4.1.1.11: parameter not advertised",
            List.of(),
            "MAIL FROM:<a@example.org> FOO=1",
            "555 5.5.4 MAIL FROM parameter FOO is not supported"),
        argumentSet(
            "RFC 5321 3.3: RCPT before MAIL",
            List.of(),
            "RCPT TO:<b@example.net>",
            "503 5.5.1 Error: need MAIL command"),
        argumentSet(
            "RFC 5321 3.3: DATA before MAIL",
            List.of(),
            "DATA",
            "503 5.5.1 Error: need MAIL command"),
        argumentSet(
            "RFC 5321 3.3: DATA without a recipient",
            mail,
            "DATA",
            "554 5.5.1 Error: no valid recipients"),
        argumentSet(
            "RFC 5321 4.1.4: nested MAIL",
            mail,
            "MAIL FROM:<c@example.org>",
            "503 5.5.1 Error: nested MAIL command"));
  }

  private QueuedMessage onlyMessage() {
    List<QueuedMessage> queued = relay.queued();
    assertEquals(1, queued.size(), queued.toString());
    return queued.get(0);
  }

  private static String queueId(String reply) {
    Matcher matcher = QUEUED.matcher(reply);
    assertTrue(matcher.matches(), reply);
    return matcher.group(1);
  }
}
