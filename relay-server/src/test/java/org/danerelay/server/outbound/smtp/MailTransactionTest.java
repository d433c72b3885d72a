package org.danerelay.server.outbound.smtp;

import static org.danerelay.server.outbound.smtp.TestAttempts.attempt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.danerelay.dane.policy.TlsRequirement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The mail transaction as the server sees it: PIPELINING, BODY=8BITMIME and SIZE (RFC 2920, 6152,
 * 1870).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MailTransactionTest {

  private static final String GREETING = "220 mx.example ESMTP\r\n";
  private static final byte[] SEVEN_BIT = ClientLoop.MESSAGE;
  private static final byte[] EIGHT_BIT =
      "Subject: test\r\n\r\nGr\u00fc\u00dfe\r\n".getBytes(StandardCharsets.UTF_8);

  private static ClientLoop client;

  @BeforeAll
  static void startLoop() {
    client = ClientLoop.start();
  }

  @AfterAll
  static void stopLoop() throws Exception {
    client.close();
  }

  @Test
  void sendsMailRcptAndDataInOneGroupWhenTheServerOffersPipelining() throws Exception {
    // The peer answers nothing until DATA has arrived: a lock-step client would wait forever.
    try (ScriptedSmtpPeer peer =
        new ScriptedSmtpPeer(
            GREETING,
            "250-mx.example\r\n250 PIPELINING\r\n",
            "",
            "",
            "",
            "250 2.1.0 ok\r\n550 5.1.1 no such user\r\n250 2.1.5 ok\r\n354 go ahead\r\n",
            "",
            "",
            "",
            "250 2.0.0 queued\r\n",
            "221 2.0.0 bye\r\n")) {
      DeliveryEnvelope two =
          new DeliveryEnvelope("s@relay.test", List.of("gone@dest.example", "bob@dest.example"));

      AttemptResult result = deliver(peer, two, SEVEN_BIT);

      assertInstanceOf(RecipientOutcome.Bounced.class, result.recipients().get(0));
      assertInstanceOf(RecipientOutcome.Delivered.class, result.recipients().get(1));
      assertTrue(
          peer.transcript()
              .get(10, TimeUnit.SECONDS)
              .startsWith(
                  "EHLO relay.test\r\nMAIL FROM:<s@relay.test>\r\nRCPT TO:<gone@dest.example>\r\n"
                      + "RCPT TO:<bob@dest.example>\r\nDATA\r\n"));
    }
  }

  @Test
  void endsAPipelinedTransactionWithAnEmptyMessageWhenNoRecipientWasAcceptedButDataWas()
      throws Exception {
    try (ScriptedSmtpPeer peer =
        new ScriptedSmtpPeer(
            GREETING,
            "250-mx.example\r\n250 PIPELINING\r\n",
            "",
            "",
            "250 2.1.0 ok\r\n550 5.1.1 no such user\r\n354 go ahead\r\n",
            "554 5.5.1 no valid recipients\r\n",
            "221 2.0.0 bye\r\n")) {
      AttemptResult result = deliver(peer, envelope(false), SEVEN_BIT);

      assertEquals(
          550,
          assertInstanceOf(RecipientOutcome.Bounced.class, result.recipients().get(0))
              .reply()
              .code());
      String heard = peer.transcript().get(10, TimeUnit.SECONDS);
      assertTrue(heard.endsWith("DATA\r\n.\r\nQUIT\r\n"), heard);
      assertFalse(heard.contains("hello"), "RFC 2920 3.1: no content without recipients");
    }
  }

  @Test
  void declaresBody8BitMimeWhenTheMessageCameAsSuchAndTheServerOffersIt() throws Exception {
    try (ScriptedSmtpPeer peer = acceptingPeer("250-mx.example\r\n250 8BITMIME\r\n")) {
      AttemptResult result = deliver(peer, envelope(true), EIGHT_BIT);

      assertTrue(result.allDelivered(), result.summary());
      assertTrue(
          peer.transcript()
              .get(10, TimeUnit.SECONDS)
              .contains("MAIL FROM:<s@relay.test> BODY=8BITMIME\r\n"));
    }
  }

  @Test
  void returnsAn8BitMessageThatAServerWithout8BitMimeCannotTake() throws Exception {
    try (ScriptedSmtpPeer peer =
        new ScriptedSmtpPeer(GREETING, "250 mx.example\r\n", "221 2.0.0 bye\r\n")) {
      AttemptResult result = deliver(peer, envelope(true), EIGHT_BIT);

      RecipientOutcome.Bounced bounced =
          assertInstanceOf(RecipientOutcome.Bounced.class, result.recipients().get(0));
      assertTrue(bounced.reply().toString().contains("5.6.3"), bounced.reply().toString());
      assertEquals("EHLO relay.test\r\nQUIT\r\n", peer.transcript().get(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void sendsA7BitMessageDeclared8BitMimeToAServerWithout8BitMimeAsItIs() throws Exception {
    try (ScriptedSmtpPeer peer = acceptingPeer("250 mx.example\r\n")) {
      AttemptResult result = deliver(peer, envelope(true), SEVEN_BIT);

      assertTrue(result.allDelivered(), result.summary());
      assertTrue(
          peer.transcript().get(10, TimeUnit.SECONDS).contains("MAIL FROM:<s@relay.test>\r\n"));
    }
  }

  @Test
  void returnsAMessageBiggerThanTheServersSizeLimitWithoutOfferingIt() throws Exception {
    try (ScriptedSmtpPeer peer =
        new ScriptedSmtpPeer(GREETING, "250-mx.example\r\n250 SIZE 10\r\n", "221 2.0.0 bye\r\n")) {
      AttemptResult result = deliver(peer, envelope(false), SEVEN_BIT);

      RecipientOutcome.Bounced bounced =
          assertInstanceOf(RecipientOutcome.Bounced.class, result.recipients().get(0));
      assertTrue(bounced.reply().toString().startsWith("552 5.3.4"), bounced.reply().toString());
      assertEquals("EHLO relay.test\r\nQUIT\r\n", peer.transcript().get(10, TimeUnit.SECONDS));
    }
  }

  private static ScriptedSmtpPeer acceptingPeer(String ehloReply) throws Exception {
    return ScriptedSmtpPeer.forConnections(
        List.of(
            ScriptedSmtpPeer.oneMessage(ehloReply, "250 2.0.0 queued\r\n", "221 2.0.0 bye\r\n")));
  }

  private static DeliveryEnvelope envelope(boolean eightBitMime) {
    return new DeliveryEnvelope("s@relay.test", List.of("alice@dest.example"), eightBitMime);
  }

  private static AttemptResult deliver(
      ScriptedSmtpPeer peer, DeliveryEnvelope envelope, byte[] body) throws Exception {
    return client.deliver(attempt(peer.port(), new TlsRequirement.Opportunistic()), envelope, body);
  }
}
