package org.danerelay.server.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.danerelay.queue.QueuedMessage;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.SmtpTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SMTP smuggling: only CRLF.CRLF ends DATA (RFC 5321 4.1.1.4), and content with a bare CR or LF is
 * refused whole (RFC 5321 2.3.8), so no second transaction can hide behind a fake end of data.
 */
class SmugglingTest {

  private static final Pattern QUEUED = Pattern.compile("250 2\\.0\\.0 Ok: queued as ([0-9A-Z]+)");
  private static final String SMUGGLED =
      "MAIL FROM:<smuggler@example.org>\r\n"
          + "RCPT TO:<victim@example.net>\r\n"
          + "DATA\r\n"
          + "Subject: smuggled\r\n"
          + "\r\n"
          + "second\r\n"
          + ".\r\n";
  private static final String BARE_LINE_END =
      "550 5.6.0 Message refused: bare CR or LF in message content; lines end in CRLF";
  private static final String BARE_IN_COMMAND =
      "501 Syntax error at character position 25. CR and LF must be CRLF paired.  See RFC 2821"
          + " #2.7.1.";
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path folder;
  private RelayFixture relay;

  @BeforeEach
  void start() throws Exception {
    // Defaults: the loopback client may relay, so a smuggled message would really go out.
    relay = RelayFixture.start(folder);
  }

  @AfterEach
  void stop() {
    relay.close();
  }

  @ParameterizedTest
  @MethodSource
  void refusesTheWholeMessageWhenAFakeEndOfDataHidesASecondTransaction(String fakeEnd)
      throws Exception {
    List<String> replies;
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      assertEquals("250 2.1.0 Ok", client.command("MAIL FROM:<alice@example.org>"));
      assertEquals("250 2.1.5 Ok", client.command("RCPT TO:<bob@example.net>"));
      assertEquals("354 End data with <CR><LF>.<CR><LF>", client.command("DATA"));
      // NOOP marks the end: every reply the smuggled text could cause comes before its 250.
      client.send("Subject: a\r\n\r\nfirst" + fakeEnd + SMUGGLED + "NOOP\r\n");
      replies = client.repliesUntil("250 Ok"::equals, WAIT);
    }
    // Whatever else happened, at most one message may have been accepted, and not the second.
    long queuedReplies = replies.stream().filter(r -> QUEUED.matcher(r).find()).count();
    assertTrue(queuedReplies <= 1, replies::toString);
    for (QueuedMessage message : relay.queued()) {
      assertNotEquals("smuggler@example.org", message.sender(), message::toString);
      assertFalse(body(message.id()).contains("smuggled"), message::toString);
    }
    // What the code does: the whole content is refused at its one real end, nothing is queued.
    assertEquals(List.of(BARE_LINE_END, "250 Ok"), replies);
    assertEquals(List.of(), relay.queued());
  }

  static Stream<Arguments> refusesTheWholeMessageWhenAFakeEndOfDataHidesASecondTransaction() {
    return Stream.of(
        argumentSet("RFC 5321 2.3.8: <LF>.<LF>", "\n.\n"),
        argumentSet("RFC 5321 2.3.8: <LF>.<CRLF>", "\n.\r\n"),
        argumentSet("RFC 5321 2.3.8: <CR>.<CRLF>", "\r.\r\n"),
        argumentSet("RFC 5321 2.3.8: <CRLF>.<CR>", "\r\n.\r"),
        argumentSet("RFC 5321 2.3.8: <CRLF>.<LF>", "\r\n.\n"));
  }

  @ParameterizedTest
  @MethodSource
  void refusesACommandLineWithABareLineEndWith501AndCloses(String pipelined) throws Exception {
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      client.send(pipelined);
      assertEquals(BARE_IN_COMMAND, client.reply());
      assertTrue(client.closedWithin(WAIT));
    }
    assertEquals(List.of(), relay.queued());
  }

  static Stream<Arguments> refusesACommandLineWithABareLineEndWith501AndCloses() {
    return Stream.of(
        argumentSet(
            "RFC 5321 2.3.8: bare LF",
            "MAIL FROM:<a@example.org>\nRCPT TO:<victim@example.net>\r\n"),
        argumentSet(
            "RFC 5321 2.3.8: bare CR",
            "MAIL FROM:<a@example.org>\rRCPT TO:<victim@example.net>\r\n"));
  }

  @Test
  void leavesACommandEndedByABareLfUnansweredUntilCrlfArrives() throws Exception {
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      client.send("MAIL FROM:<a@example.org>\n");
      // The reader waits for CRLF: a bare LF ends nothing, so nothing is executed yet.
      assertNull(client.replyWithin(Duration.ofMillis(500)));
      client.send("\r\n");
      assertEquals(BARE_IN_COMMAND, client.reply());
      assertTrue(client.closedWithin(WAIT));
    }
    assertEquals(List.of(), relay.queued());
  }

  @Test
  void queuesADotStuffedLineWithItsFirstDotRemoved() throws Exception {
    String reply;
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      // RFC 5321 4.5.2: the client doubles a leading dot; the server removes one.
      reply =
          client.sendMail(
              "alice@example.org",
              "Subject: dots\r\n\r\nbefore\r\n..hidden\r\n...\r\nafter",
              "bob@example.net");
    }
    String spooled = body(queueId(reply));
    assertTrue(spooled.endsWith("\r\n\r\nbefore\r\n.hidden\r\n..\r\nafter\r\n"), spooled);
  }

  @Test
  void queuesADotStuffedFirstLineWithItsFirstDotRemoved() throws Exception {
    String reply;
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      // RFC 5321 4.5.2 applies to every line, the first line of content included.
      reply = client.sendMail("alice@example.org", "..hidden: x\r\n\r\nbody", "bob@example.net");
    }
    String spooled = body(queueId(reply));
    assertTrue(spooled.contains("\r\n.hidden: x\r\n\r\nbody\r\n"), spooled);
    assertFalse(spooled.contains("..hidden"), spooled);
  }

  private String body(String id) throws Exception {
    try (InputStream in = relay.queue().openBody(id)) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private static String queueId(String reply) {
    Matcher matcher = QUEUED.matcher(reply);
    assertTrue(matcher.matches(), reply);
    return matcher.group(1);
  }
}
