package org.danerelay.server.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.danerelay.queue.QueuedMessage;
import org.danerelay.queue.QueuedRecipient;
import org.danerelay.server.auth.PasswordHash;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.RelayPerTest;
import org.danerelay.server.testing.SmtpTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * SMTP AUTH (RFC 4954) lets a client outside relay.networks relay, and only inside TLS: it is
 * neither offered nor accepted in plaintext, and the submission listener wants TLS before MAIL.
 */
class SmtpAuthTest {

  private static final Pattern QUEUED =
      Pattern.compile("^250 2\\.0\\.0 Ok: queued as ([0-9A-Z]+)$");
  private static final String RELAY_DENIED = "554 5.7.1 Relay access denied";
  private static final String BODY = "Subject: hello\r\n\r\nHello.";
  private static final String ALICE = plain("alice", "s3cret");

  @TempDir Path folder;
  @RegisterExtension final RelayPerTest relays = new RelayPerTest();
  private RelayFixture relay;

  @BeforeEach
  void start() throws Exception {
    Path users = folder.resolve("users");
    Files.writeString(
        users, "alice:" + PasswordHash.create("s3cret".toCharArray()).encode() + "\n");
    relay =
        RelayFixture.start(
            folder,
            "smtpd.auth.users=" + users,
            "smtpd.auth.on-port-25=true",
            "smtpd.auth.failure-delay=0",
            "relay.networks=192.0.2.0/24",
            "smtpd.submission.listen=127.0.0.1:0");
  }

  @AfterEach
  void stop() {
    relay.close();
  }

  @Test
  void offersAuthOnlyInsideTls() throws Exception {
    try (SmtpTestClient client = relay.connect()) {
      String plaintext = client.hello();
      assertFalse(plaintext.contains("AUTH"), plaintext);
      client.startTls();
      String tls = client.command("EHLO client.test");
      assertTrue(tls.contains("\r\n250-AUTH PLAIN LOGIN\r\n"), tls);
    }
  }

  @Test
  void refusesAuthBeforeTlsWith538AndStillRefusesToRelay() throws Exception {
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      // RFC 4954 4 and RFC 5248: 5.7.11 is "encryption required".
      assertEquals(
          "538 5.7.11 Encryption required for requested authentication mechanism",
          client.command("AUTH PLAIN " + ALICE));
      assertEquals("250 2.1.0 Ok", client.command("MAIL FROM:<alice@example.org>"));
      assertEquals(RELAY_DENIED, client.command("RCPT TO:<user@ext.example>"));
    }
  }

  @Test
  void refusesAWrongPasswordWith535AndStillRefusesToRelay() throws Exception {
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      client.startTls();
      client.command("EHLO client.test");
      assertEquals(
          "535 5.7.8 Authentication credentials invalid",
          client.command("AUTH PLAIN " + plain("alice", "wrong")));
      assertEquals("250 2.1.0 Ok", client.command("MAIL FROM:<alice@example.org>"));
      assertEquals(RELAY_DENIED, client.command("RCPT TO:<user@ext.example>"));
    }
    assertEquals(List.of(), relay.queued());
  }

  @Test
  void refusesAnUnknownUserWith535() throws Exception {
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      client.startTls();
      client.command("EHLO client.test");
      assertEquals(
          "535 5.7.8 Authentication credentials invalid",
          client.command("AUTH PLAIN " + plain("mallory", "s3cret")));
    }
  }

  @Test
  void refusesToRelayInsideTlsWithoutAuth() throws Exception {
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      client.startTls();
      client.command("EHLO client.test");
      assertEquals("250 2.1.0 Ok", client.command("MAIL FROM:<alice@example.org>"));
      assertEquals(RELAY_DENIED, client.command("RCPT TO:<user@ext.example>"));
    }
  }

  @Test
  void relaysForAClientAuthenticatedWithPlainAndRecordsEsmtpsa() throws Exception {
    String reply;
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      client.startTls();
      client.command("EHLO client.test");
      // RFC 4954 6: 235 2.7.0 Authentication Succeeded.
      assertEquals("235 2.7.0 Authentication successful", client.command("AUTH PLAIN " + ALICE));
      reply = client.sendMail("alice@example.org", BODY, "user@ext.example");
    }
    QueuedMessage message = onlyMessage();
    assertEquals(queueId(reply), message.id());
    assertEquals(
        List.of("user@ext.example"),
        message.recipients().stream().map(QueuedRecipient::address).toList());
    // RFC 3848: ESMTPSA is ESMTP with STARTTLS and AUTH.
    assertTrue(body(message.id()).contains(" with ESMTPSA ("), body(message.id()));
  }

  @Test
  void relaysForAClientAuthenticatedWithLogin() throws Exception {
    String reply;
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      client.startTls();
      client.command("EHLO client.test");
      assertEquals("334 VXNlcm5hbWU6", client.command("AUTH LOGIN")); // "Username:"
      assertEquals("334 UGFzc3dvcmQ6", client.command(base64("alice"))); // "Password:"
      assertEquals("235 2.7.0 Authentication successful", client.command(base64("s3cret")));
      reply = client.sendMail("alice@example.org", BODY, "user@ext.example");
    }
    assertEquals(queueId(reply), onlyMessage().id());
  }

  @Test
  void refusesAuthDuringAMailTransaction() throws Exception {
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      client.startTls();
      client.command("EHLO client.test");
      assertEquals("250 2.1.0 Ok", client.command("MAIL FROM:<alice@example.org>"));
      // RFC 4954 4: AUTH is not permitted during a mail transaction.
      assertEquals(
          "503 5.5.1 AUTH is not allowed during a mail transaction",
          client.command("AUTH PLAIN " + ALICE));
    }
  }

  @Test
  void requiresStartTlsBeforeMailOnTheSubmissionListener() throws Exception {
    try (SmtpTestClient client =
        SmtpTestClient.connect(relay.port(1), relay.trustedCertificate())) {
      client.hello();
      assertEquals(
          "530 5.7.0 Must issue a STARTTLS command first",
          client.command("MAIL FROM:<alice@example.org>"));
      assertEquals(
          "538 5.7.11 Encryption required for requested authentication mechanism",
          client.command("AUTH PLAIN " + ALICE));
    }
    assertEquals(List.of(), relay.queued());
  }

  @Test
  void relaysForAnAuthenticatedClientOnTheSubmissionListener() throws Exception {
    String reply;
    try (SmtpTestClient client =
        SmtpTestClient.connect(relay.port(1), relay.trustedCertificate())) {
      client.hello();
      client.startTls();
      client.command("EHLO client.test");
      assertTrue(client.command("AUTH PLAIN " + ALICE).startsWith("235 "));
      reply = client.sendMail("alice@example.org", BODY, "user@ext.example");
    }
    assertEquals(queueId(reply), onlyMessage().id());
  }

  @Test
  void answersEachAuthStepWithItsRfc4954Code() throws Exception {
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      client.startTls();
      client.command("EHLO client.test");
      // RFC 4954 4 and 6: an unknown mechanism is 504 5.5.4; PLAIN without an initial response
      // gets an empty 334 challenge; "*" cancels with 501.
      assertEquals("504 5.5.4 Unrecognized authentication type", client.command("AUTH CRAM-MD5"));
      assertEquals("334 ", client.command("AUTH PLAIN"));
      assertEquals("501 5.7.0 Authentication canceled", client.command("*"));
      assertEquals("334 ", client.command("AUTH PLAIN"));
      assertEquals("235 2.7.0 Authentication successful", client.command(ALICE));
      // RFC 4954 4: after a successful AUTH, any further AUTH gets 503.
      assertEquals("503 5.5.1 Already authenticated", client.command("AUTH PLAIN " + ALICE));
    }
  }

  @Test
  void doesNotOfferAuthOnPort25ByDefaultButOnSubmission() throws Exception {
    RelayFixture plain =
        relays.start(
            "smtpd.auth.users=" + folder.resolve("users"),
            "relay.networks=192.0.2.0/24",
            "smtpd.submission.listen=127.0.0.1:0");
    try (SmtpTestClient client = plain.connect()) {
      client.hello();
      client.startTls();
      String ehlo = client.command("EHLO client.test");
      assertFalse(ehlo.contains("AUTH"), ehlo);
      assertEquals("502 5.5.1 AUTH is not offered here", client.command("AUTH PLAIN " + ALICE));
      assertEquals("250 2.1.0 Ok", client.command("MAIL FROM:<alice@example.org>"));
      assertEquals(RELAY_DENIED, client.command("RCPT TO:<user@ext.example>"));
    }
    try (SmtpTestClient client =
        SmtpTestClient.connect(plain.port(1), plain.trustedCertificate())) {
      client.hello();
      client.startTls();
      assertTrue(client.command("EHLO client.test").contains("\r\n250-AUTH PLAIN LOGIN\r\n"));
      assertEquals("235 2.7.0 Authentication successful", client.command("AUTH PLAIN " + ALICE));
    }
  }

  @Test
  void offersAuthOnPort25WhenConfigured() throws Exception {
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      client.startTls();
      assertTrue(client.command("EHLO client.test").contains("\r\n250-AUTH PLAIN LOGIN\r\n"));
      assertEquals("235 2.7.0 Authentication successful", client.command("AUTH PLAIN " + ALICE));
    }
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

  /** RFC 4616: authzid NUL authcid NUL passwd, base64; no authzid. */
  private static String plain(String user, String password) {
    return base64("\0" + user + "\0" + password);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
