package org.danerelay.server.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.danerelay.queue.QueuedMessage;
import org.danerelay.queue.QueuedRecipient;
import org.danerelay.server.testing.RecipientFile;
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
 * A client outside relay.networks may send only to local.domains (RFC 5321 3.6.1: a server MAY
 * decline to relay); every way of naming another host in a recipient is refused at RCPT.
 */
class OpenRelayTest {

  private static final String RELAY_DENIED = "554 5.7.1 Relay access denied";
  private static final String BAD_SYNTAX = "501 5.1.3 Bad recipient address syntax";
  private static final String BAD_DOMAIN = "501 5.1.2 Bad recipient domain syntax";
  private static final String PERCENT_BANG =
      "501 5.1.3 Percent hack / bang path addresses are not accepted";
  private static final String LITERAL = "550 5.1.2 Address literals are not accepted";
  private static final String NO_RECIPIENTS = "554 5.5.1 Error: no valid recipients";
  private static final String BODY = "Subject: hello\r\n\r\nHello.";

  @TempDir Path folder;
  private RelayFixture relay;

  @BeforeEach
  void start() throws Exception {
    // The loopback test client is outside 192.0.2.0/24, so it is untrusted.
    relay =
        RelayFixture.start(
            folder,
            "relay.networks=192.0.2.0/24",
            "local.domains=local.example",
            // Every trick in one session is dozens of refusals: the error limits would end it.
            "smtpd.soft-error-limit=1000",
            "smtpd.hard-error-limit=1000",
            // Never asked: the recipient file below decides, and delivery.hold keeps mail queued.
            "local.forward=127.0.0.1:9",
            RecipientFile.acceptingAllOf(folder, "local.example"));
  }

  @AfterEach
  void stop() {
    relay.close();
  }

  @ParameterizedTest
  @MethodSource("refusedRecipients")
  void refusesRecipientFromUntrustedClientAndQueuesNothing(String argument, String reply)
      throws Exception {
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      assertEquals("250 2.1.0 Ok", client.command("MAIL FROM:<mallory@example.org>"));
      assertEquals(reply, client.command("RCPT TO:" + argument));
      assertEquals(NO_RECIPIENTS, client.command("DATA"));
    }
    assertEquals(List.of(), relay.queued());
  }

  static Stream<Arguments> refusedRecipients() {
    // U+043E CYRILLIC SMALL LETTER O, sent as its two UTF-8 octets, without SMTPUTF8.
    String homograph = utf8Octets("<user@l\u043ecal.example>");
    return Stream.of(
        argumentSet("RFC 5321 3.6.1: external domain", "<user@ext.example>", RELAY_DENIED),
        argumentSet("RFC 5321 2.4: upper-case external", "<user@EXT.example>", RELAY_DENIED),
        argumentSet("local domain as prefix", "<user@local.example.ext.example>", RELAY_DENIED),
        argumentSet("subdomain of local domain", "<user@sub.local.example>", RELAY_DENIED),
        argumentSet(
            "RFC 1123 5.2.16: percent hack", "<user%ext.example@local.example>", PERCENT_BANG),
        argumentSet("RFC 976: bang path", "<ext.example!user@local.example>", PERCENT_BANG),
        argumentSet(
            "RFC 5321 4.1.1.3: source route",
            "<@local.example:user@ext.example>",
            "501 5.1.3 Source routes are not accepted"),
        argumentSet(
            "RFC 5321 4.1.2: quoted local part holding @",
            "<\"user@ext.example\"@local.example>",
            "501 5.1.3 Quoted local part with @, %, ! or non-printable characters is not"
                + " accepted"),
        argumentSet("two unquoted @", "<user@ext.example@local.example>", BAD_SYNTAX),
        argumentSet("RFC 5321 4.1.3: IPv4 literal", "<user@[192.0.2.1]>", LITERAL),
        argumentSet("RFC 5321 4.1.3: loopback literal", "<user@[127.0.0.1]>", LITERAL),
        argumentSet("RFC 5321 4.1.3: IPv6 loopback literal", "<user@[IPv6:::1]>", LITERAL),
        argumentSet("RFC 3696 2: dotted quad without brackets", "<user@127.0.0.1>", BAD_DOMAIN),
        argumentSet(
            "RFC 5321 2.3.5: trailing dot on local domain",
            "<user@local.example.>",
            "501 5.1.2 Trailing dot in domain is not accepted"),
        argumentSet("space inside the brackets", "<user@local.example >", BAD_DOMAIN),
        argumentSet(
            "RFC 5321 4.1.2: no angle brackets",
            "user@ext.example",
            "501 5.1.3 Angle brackets are required: use <local-part@domain>"),
        argumentSet("NUL in local part", "<user\0@local.example>", BAD_SYNTAX),
        argumentSet(
            "RFC 3461 4.2: ORCPT naming an external address",
            "<user@local.example> ORCPT=rfc822;user@ext.example",
            "555 5.5.4 RCPT TO parameters are not supported"),
        argumentSet(
            "RFC 6531 3.5: Cyrillic homograph without SMTPUTF8",
            homograph,
            "553 5.6.7 Non-ASCII address requires SMTPUTF8"));
  }

  @Test
  void queuesNothingAfterEveryRelayTrickInOneTransaction() throws Exception {
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      assertEquals("250 2.1.0 Ok", client.command("MAIL FROM:<mallory@example.org>"));
      List<Arguments> rows = refusedRecipients().toList();
      for (Arguments row : rows) {
        String reply = client.command("RCPT TO:" + row.get()[0]);
        assertTrue(reply.startsWith("5"), row.get()[0] + " got " + reply);
      }
      assertEquals(NO_RECIPIENTS, client.command("DATA"));
      // Content pipelined regardless is read as commands and refused, never queued.
      client.send(BODY + "\r\n.\r\nNOOP\r\n");
      List<String> replies = client.repliesUntil("250 Ok"::equals, Duration.ofSeconds(10));
      assertEquals("250 Ok", replies.get(replies.size() - 1), replies.toString());
      replies.subList(0, replies.size() - 1).forEach(r -> assertTrue(r.startsWith("500 "), r));
    }
    assertEquals(List.of(), relay.queued());
  }

  @ParameterizedTest
  @MethodSource
  void acceptsLocalRecipientFromUntrustedClientAndQueuesIt(String argument, String queuedAs)
      throws Exception {
    String reply;
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      assertEquals("250 2.1.0 Ok", client.command("MAIL FROM:<alice@example.org>"));
      assertEquals("250 2.1.5 Ok", client.command("RCPT TO:" + argument));
      assertEquals("354 End data with <CR><LF>.<CR><LF>", client.command("DATA"));
      client.send(BODY + "\r\n.\r\n");
      reply = client.reply();
    }
    assertTrue(reply.startsWith("250 2.0.0 Ok: queued as "), reply);
    assertEquals(List.of(queuedAs), recipientsOf(onlyMessage()));
  }

  static Stream<Arguments> acceptsLocalRecipientFromUntrustedClientAndQueuesIt() {
    return Stream.of(
        argumentSet("local domain", "<user@local.example>", "user@local.example"),
        argumentSet(
            "RFC 5321 2.4: upper-case local domain", "<user@LOCAL.EXAMPLE>", "user@local.example"),
        argumentSet(
            "RFC 5321 2.4: local part keeps its case",
            "<User@Local.Example>",
            "User@local.example"),
        argumentSet(
            "RFC 5321 3.3: space before the path", " <user@local.example>", "user@local.example"));
  }

  @Test
  void queuesOnlyTheLocalRecipientWhenAnUntrustedClientAlsoNamesAnExternalOne() throws Exception {
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      assertEquals("250 2.1.0 Ok", client.command("MAIL FROM:<alice@example.org>"));
      assertEquals("250 2.1.5 Ok", client.command("RCPT TO:<user@local.example>"));
      assertEquals(RELAY_DENIED, client.command("RCPT TO:<user@ext.example>"));
      assertEquals("354 End data with <CR><LF>.<CR><LF>", client.command("DATA"));
      client.send(BODY + "\r\n.\r\n");
      assertTrue(client.reply().startsWith("250 2.0.0 Ok: queued as "));
    }
    assertEquals(List.of("user@local.example"), recipientsOf(onlyMessage()));
  }

  @Test
  void relaysToAnExternalDomainForAClientInsideRelayNetworks() throws Exception {
    // The shipped default relay.networks holds 127.0.0.0/8, so loopback is trusted there.
    try (RelayFixture trusted = RelayFixture.start(folder.resolve("trusted"));
        SmtpTestClient client = trusted.connect()) {
      client.hello();
      String reply = client.sendMail("alice@example.org", BODY, "user@ext.example");
      assertTrue(reply.startsWith("250 2.0.0 Ok: queued as "), reply);
      List<QueuedMessage> queued = trusted.queued();
      assertEquals(1, queued.size(), queued.toString());
      assertEquals(List.of("user@ext.example"), recipientsOf(queued.get(0)));
    }
  }

  private QueuedMessage onlyMessage() {
    List<QueuedMessage> queued = relay.queued();
    assertEquals(1, queued.size(), queued.toString());
    return queued.get(0);
  }

  private static List<String> recipientsOf(QueuedMessage message) {
    return message.recipients().stream().map(QueuedRecipient::address).toList();
  }

  /** The UTF-8 octets of {@code text}, one char each, as SmtpTestClient sends them. */
  private static String utf8Octets(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }
}
