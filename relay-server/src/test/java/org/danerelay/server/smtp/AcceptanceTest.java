package org.danerelay.server.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.danerelay.queue.QueuedMessage;
import org.danerelay.queue.QueuedRecipient;
import org.danerelay.queue.RecipientState;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.SmtpTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client on a trusted network hands mail to the relay, with and without STARTTLS. */
class AcceptanceTest {

  private static final Pattern QUEUED =
      Pattern.compile("^250 2\\.0\\.0 Ok: queued as ([0-9A-Z]+)$");
  private static final String BODY = "Subject: hello\r\n\r\nHello, world.";

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
  void queuesEveryRecipientOfAPlaintextMessageAndNamesTheQueueId() throws Exception {
    String reply;
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      reply = client.sendMail("alice@example.org", BODY, "bob@example.net", "carol@example.com");
    }
    QueuedMessage message = onlyMessage();
    assertEquals(queueId(reply), message.id());
    assertEquals("alice@example.org", message.sender());
    assertEquals(
        List.of("bob@example.net", "carol@example.com"),
        message.recipients().stream().map(QueuedRecipient::address).toList());
    assertTrue(message.recipients().stream().allMatch(r -> r.state() == RecipientState.QUEUED));
  }

  @Test
  void queuesAMessageSentInsideStartTlsAndRecordsTheCipherInReceived() throws Exception {
    String reply;
    try (SmtpTestClient client = relay.connect()) {
      assertTrue(client.hello().contains("250-STARTTLS"));
      assertTrue(client.startTls().startsWith("220"));
      assertTrue(List.of("TLSv1.2", "TLSv1.3").contains(client.tlsProtocol()));
      client.command("EHLO client.test");
      reply = client.sendMail("alice@example.org", BODY, "bob@example.net");
    }
    String id = queueId(reply);
    String spooled = body(id);
    assertTrue(spooled.startsWith("Received: from client.test (unknown [127.0.0.1])\r\n"), spooled);
    assertTrue(spooled.contains("with ESMTPS (TLSv1."), spooled);
    assertTrue(spooled.contains("id " + id), spooled);
    assertTrue(spooled.endsWith("\r\n\r\nHello, world.\r\n"), spooled);
  }

  @Test
  void neverOffersStartTlsAgainInsideTls() throws Exception {
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      client.startTls();
      String ehlo = client.command("EHLO client.test");
      assertFalse(ehlo.contains("STARTTLS"), ehlo);
      assertTrue(client.command("STARTTLS").startsWith("503 5.5.1"));
    }
  }

  @Test
  void discardsCommandsPipelinedBehindStartTls() throws Exception {
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      // Injected in the same packet as STARTTLS: must never run inside TLS (CVE-2011-0411).
      String reply = client.startTlsWithPipelined("MAIL FROM:<mallory@example.org>\r\n");
      assertTrue(reply.startsWith("220"), reply);
      client.command("EHLO client.test");
      // Had the injected MAIL run inside TLS, this one would be refused as nested.
      assertEquals("250 2.1.0 Ok", client.command("MAIL FROM:<alice@example.org>"));
    }
  }

  @Test
  void answersTheBannerWithTheConfiguredHostName() throws Exception {
    try (SmtpTestClient client = relay.connect()) {
      assertEquals("220 relay.test ESMTP DaneRelay", client.reply());
    }
  }

  @Test
  void refusesMailBeforeHelo() throws Exception {
    try (SmtpTestClient client = relay.connect()) {
      client.reply();
      assertTrue(client.command("MAIL FROM:<alice@example.org>").startsWith("503 5.5.1"));
    }
  }

  @Test
  void keepsTheQueueAcrossARestart() throws Exception {
    String reply;
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      reply = client.sendMail("alice@example.org", BODY, "bob@example.net");
    }
    relay.restart();
    assertEquals(queueId(reply), onlyMessage().id());
  }

  private QueuedMessage onlyMessage() {
    List<QueuedMessage> queued = relay.queued();
    assertEquals(1, queued.size(), queued.toString());
    return queued.get(0);
  }

  private String body(String id) throws Exception {
    try (InputStream in = relay.queue().openBody(id)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  private static String queueId(String reply) {
    Matcher matcher = QUEUED.matcher(reply);
    assertTrue(matcher.matches(), reply);
    return matcher.group(1);
  }
}
