package org.danerelay.server.smtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.danerelay.queue.BodyType;
import org.danerelay.queue.QueuedMessage;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.SmtpTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 6152: the BODY a client declares on MAIL FROM is queued with the message for delivery. */
class BodyParameterTest {

  private static final Pattern QUEUED =
      Pattern.compile("^250 2\\.0\\.0 Ok: queued as ([0-9A-Z]+)$");
  // ISO-8859-1 in the test client: one octet 0xE9 on the wire, as an 8bit MIME part carries it.
  private static final String EIGHT_BIT_BODY =
      "Subject: caf\u00e9\r\nMIME-Version: 1.0\r\n"
          + "Content-Type: text/plain; charset=ISO-8859-1\r\n"
          + "Content-Transfer-Encoding: 8bit\r\n\r\nCaf\u00e9 au lait.";
  private static final String PLAIN_BODY = "Subject: hello\r\n\r\nHello, world.";

  @TempDir Path folder;
  private RelayFixture relay;

  @BeforeEach
  void start() throws Exception {
    relay = RelayFixture.start(folder);
  }

  @AfterEach
  void stop() {
    relay.close();
  }

  @Test
  void queuesAMessageSentWithBody8BitMimeAsEightBitMimeWithItsOctetsIntact() throws Exception {
    String id;
    try (SmtpTestClient client = relay.connect()) {
      assertTrue(client.hello().contains("250 8BITMIME"));
      id = send(client, "MAIL FROM:<alice@example.org> BODY=8BITMIME", EIGHT_BIT_BODY);
    }

    assertEquals(BodyType.EIGHT_BIT_MIME, relay.queue().find(id).orElseThrow().bodyType());
    byte[] tail = "Caf\u00e9 au lait.\r\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] body = body(id);
    byte[] end = Arrays.copyOfRange(body, body.length - tail.length, body.length);
    assertArrayEquals(tail, end);
  }

  @Test
  void queuesSevenBitWithoutBodyOrWithBody7BitAndReadsTheKeywordInAnyCase() throws Exception {
    String none;
    String sevenBit;
    String lowerCase;
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      none = send(client, "MAIL FROM:<alice@example.org>", PLAIN_BODY);
      sevenBit = send(client, "MAIL FROM:<alice@example.org> BODY=7BIT", PLAIN_BODY);
      lowerCase = send(client, "MAIL FROM:<alice@example.org> body=8bitmime", EIGHT_BIT_BODY);
    }

    assertEquals(
        Map.of(
            none, BodyType.SEVEN_BIT,
            sevenBit, BodyType.SEVEN_BIT,
            lowerCase, BodyType.EIGHT_BIT_MIME),
        relay.queued().stream()
            .collect(Collectors.toMap(QueuedMessage::id, QueuedMessage::bodyType)));
  }

  @Test
  void forgetsTheBodyTypeOfTheTransactionBefore() throws Exception {
    String eightBit;
    String next;
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      eightBit = send(client, "MAIL FROM:<alice@example.org> BODY=8BITMIME", EIGHT_BIT_BODY);
      next = send(client, "MAIL FROM:<alice@example.org>", PLAIN_BODY);
    }

    assertEquals(BodyType.EIGHT_BIT_MIME, relay.queue().find(eightBit).orElseThrow().bodyType());
    assertEquals(BodyType.SEVEN_BIT, relay.queue().find(next).orElseThrow().bodyType());
  }

  @Test
  void refusesABodyValueRfc6152DoesNotDefineWith501() throws Exception {
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      assertEquals(
          "501 5.5.4 BODY must be 7BIT or 8BITMIME",
          client.command("MAIL FROM:<alice@example.org> BODY=BINARYMIME"));
    }
    assertEquals(0, relay.queued().size());
  }

  /** One transaction to bob with this MAIL command; returns the queue id from the 250. */
  private static String send(SmtpTestClient client, String mail, String body) throws Exception {
    assertEquals("250 2.1.0 Ok", client.command(mail));
    assertTrue(client.command("RCPT TO:<bob@example.net>").startsWith("250"));
    assertTrue(client.command("DATA").startsWith("354"));
    client.send(body + "\r\n.\r\n");
    String reply = client.reply();
    Matcher matcher = QUEUED.matcher(reply);
    assertTrue(matcher.matches(), reply);
    return matcher.group(1);
  }

  private byte[] body(String id) throws Exception {
    try (InputStream in = relay.queue().openBody(id)) {
      return in.readAllBytes();
    }
  }
}
