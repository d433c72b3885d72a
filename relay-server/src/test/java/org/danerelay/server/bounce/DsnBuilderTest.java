package org.danerelay.server.bounce;

import static org.danerelay.server.bounce.DsnFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import jakarta.mail.internet.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DsnBuilderTest {

  @Test
  void bounceIsMultipartReportWithExplanationDeliveryStatusAndHeaders() throws Exception {
    ParsedDsn dsn =
        ParsedDsn.of(builder().build(request("alice@example.com", unknownUser("x@example.org"))));

    // RFC 6522 3: multipart/report, report-type names the machine-readable part.
    ContentType top = new ContentType(dsn.message.getContentType());
    assertEquals("multipart/report", top.getBaseType());
    assertEquals("delivery-status", top.getParameter("report-type"));
    assertEquals(3, dsn.report.getCount());
    assertEquals(
        "text/plain", new ContentType(dsn.report.getBodyPart(0).getContentType()).getBaseType());
    assertEquals(
        "message/delivery-status",
        new ContentType(dsn.report.getBodyPart(1).getContentType()).getBaseType());
    assertEquals(
        "text/rfc822-headers",
        new ContentType(dsn.report.getBodyPart(2).getContentType()).getBaseType());
  }

  @Test
  void bounceComesFromMailerDaemonToTheOriginalSenderAndIsMarkedAutomatic() throws Exception {
    DsnMessage message =
        (DsnMessage) builder().build(request("alice@example.com", unknownUser("x@example.org")));
    ParsedDsn dsn = new ParsedDsn(message.content());

    // RFC 5321 6.1 and RFC 3464 3: null reverse path; addressed to the original reverse path.
    assertEquals("", message.envelopeSender());
    assertEquals("alice@example.com", message.envelopeRecipient());
    assertFalse(message.smtpUtf8());
    assertEquals(
        "Mail Delivery System <MAILER-DAEMON@relay.example.net>",
        dsn.message.getHeader("From", null));
    assertEquals("<alice@example.com>", dsn.message.getHeader("To", null));
    assertEquals("Undelivered Mail Returned to Sender", dsn.message.getSubject());
    assertEquals("auto-replied", dsn.message.getHeader("Auto-Submitted", null)); // RFC 3834 5
    assertEquals("1.0", dsn.message.getHeader("MIME-Version", null));
    assertEquals(message.messageId(), dsn.message.getMessageID());
    assertTrue(message.messageId().endsWith("@relay.example.net>"));
    assertEquals(Instant.parse("2025-03-06T10:00:00Z"), dsn.message.getSentDate().toInstant());
  }

  @Test
  void perMessageFieldsNameReportingMtaQueueIdClientAndArrival() throws Exception {
    ParsedDsn dsn =
        ParsedDsn.of(builder().build(request("alice@example.com", unknownUser("x@example.org"))));

    assertEquals("dns; relay.example.net", dsn.perMessage.getHeader("Reporting-MTA", null));
    assertEquals(QUEUE_ID, dsn.perMessage.getHeader("X-DaneRelay-Queue-ID", null));
    assertEquals("rfc822; alice@example.com", dsn.perMessage.getHeader("X-DaneRelay-Sender", null));
    assertEquals(
        "dns; client.example.com ([192.0.2.10])",
        dsn.perMessage.getHeader("Received-From-MTA", null));
    assertEquals("Sat, 1 Mar 2025 10:00:00 +0000", dsn.perMessage.getHeader("Arrival-Date", null));
  }

  @Test
  void perRecipientFieldsForTwoRecipientsWithDifferentStatuses() throws Exception {
    ParsedDsn dsn =
        ParsedDsn.of(
            builder()
                .build(
                    request(
                        "alice@example.com",
                        unknownUser("nobody@example.org"),
                        daneExpired("bob@dane.example.org"))));

    assertEquals(2, dsn.perRecipient.size());
    var first = dsn.perRecipient.get(0);
    assertEquals("rfc822; nobody@example.org", first.getHeader("Final-Recipient", null));
    assertEquals("failed", first.getHeader("Action", null));
    assertEquals("5.1.1", first.getHeader("Status", null));
    assertEquals("dns; mx.example.org", first.getHeader("Remote-MTA", null));
    assertEquals(
        "smtp; 550 5.1.1 <nobody@example.org>: Recipient address rejected",
        unfold(first.getHeader("Diagnostic-Code", null)));
    assertEquals("Thu, 6 Mar 2025 09:30:00 +0000", first.getHeader("Last-Attempt-Date", null));
    assertNull(first.getHeader("Will-Retry-Until", null));

    var second = dsn.perRecipient.get(1);
    assertEquals("rfc822; bob@dane.example.org", second.getHeader("Final-Recipient", null));
    assertEquals("4.7.5", second.getHeader("Status", null));
  }

  @Test
  void daneFailureBounceAfterLifetimeNamesTheLast475Reason() throws Exception {
    // DANE-RULES 6: DANE failures defer; at expiry the DSN reports the last 4.7.5 reason.
    ParsedDsn dsn =
        ParsedDsn.of(
            builder().build(request("alice@example.com", daneExpired("bob@dane.example.org"))));

    var recipient = dsn.perRecipient.get(0);
    assertEquals("failed", recipient.getHeader("Action", null));
    assertEquals("4.7.5", recipient.getHeader("Status", null));
    assertEquals("dns; mx1.dane.example.org", recipient.getHeader("Remote-MTA", null));
    assertEquals(
        "X-DaneRelay; TLSA records for _25._tcp.mx1.dane.example.org did not match the server"
            + " certificate",
        unfold(recipient.getHeader("Diagnostic-Code", null)));
    String text = dsn.humanText.replace("\r\n    ", " ");
    assertTrue(text.contains("<bob@dane.example.org>: delivery failed"), text);
    assertTrue(text.contains("dane.example.org could not be authenticated with DANE"), text);
    assertTrue(text.contains("never sent in plaintext"), text);
    assertTrue(text.contains("time in the queue ran out"), text);
    assertTrue(text.contains("did not match the server certificate"), text);
  }

  @Test
  void nullMxBounceReports5110AndSaysTheDomainAcceptsNoMail() throws Exception {
    RecipientReport nullMx =
        RecipientReport.failed(
            "carol@nomail.example",
            StatusCode.NULL_MX,
            Optional.empty(),
            Optional.of(Diagnostic.local("Domain nomail.example does not accept mail (null MX)")),
            LAST_ATTEMPT);
    ParsedDsn dsn = ParsedDsn.of(builder().build(request("alice@example.com", nullMx)));

    var recipient = dsn.perRecipient.get(0);
    assertEquals("failed", recipient.getHeader("Action", null));
    assertEquals("5.1.10", recipient.getHeader("Status", null)); // RFC 7505 3
    assertNull(recipient.getHeader("Remote-MTA", null));
    assertTrue(dsn.humanText.contains("null MX"), dsn.humanText);
    assertFalse(dsn.humanText.contains("ran out"), dsn.humanText);
  }

  @Test
  void returnsOriginalHeadersButNeverTheBody() throws Exception {
    byte[] content =
        ((DsnMessage) builder().build(request("alice@example.com", unknownUser("x@example.org"))))
            .content();
    ParsedDsn dsn = new ParsedDsn(content);

    String headers = new String(dsn.originalHeaders, StandardCharsets.US_ASCII);
    assertEquals(ORIGINAL.substring(0, ORIGINAL.indexOf("\r\n\r\n") + 2), headers);
    assertFalse(new String(content, StandardCharsets.US_ASCII).contains("SECRET BODY"));
  }

  @Test
  void delayWarningUsesActionDelayedAndWillRetryUntil() throws Exception {
    RecipientReport delayed =
        RecipientReport.delayed(
            "bob@dane.example.org",
            StatusCode.DANE_FAILURE,
            Optional.of("mx1.dane.example.org"),
            Optional.of(Diagnostic.local("no usable STARTTLS at mx1.dane.example.org")),
            LAST_ATTEMPT,
            Instant.parse("2025-03-06T10:00:00Z").plusSeconds(86400));
    ParsedDsn dsn = ParsedDsn.of(builder().build(request("alice@example.com", delayed)));

    assertEquals("Delayed Mail (still being retried)", dsn.message.getSubject());
    var recipient = dsn.perRecipient.get(0);
    assertEquals("delayed", recipient.getHeader("Action", null));
    assertEquals("4.7.5", recipient.getHeader("Status", null));
    assertEquals("Fri, 7 Mar 2025 10:00:00 +0000", recipient.getHeader("Will-Retry-Until", null));
    assertTrue(dsn.humanText.contains("still trying"), dsn.humanText);
    assertTrue(dsn.humanText.replace("\r\n    ", " ").contains("until Fri, 7 Mar 2025"));
  }

  @Test
  void mixedReportIsABounceAndOnlyTheDelayedRecipientHasARetryDeadline() throws Exception {
    RecipientReport delayed =
        RecipientReport.delayed(
            "slow@example.org",
            StatusCode.parse("4.4.1"),
            Optional.empty(),
            Optional.empty(),
            LAST_ATTEMPT,
            NOW.plusSeconds(3600));
    ParsedDsn dsn =
        ParsedDsn.of(
            builder().build(request("alice@example.com", unknownUser("x@example.org"), delayed)));

    assertEquals("Undelivered Mail Returned to Sender", dsn.message.getSubject());
    assertNull(dsn.perRecipient.get(0).getHeader("Will-Retry-Until", null));
    assertNotNull(dsn.perRecipient.get(1).getHeader("Will-Retry-Until", null));
  }

  @Test
  void nullSenderGetsNoDsn() throws Exception {
    // RFC 5321 6.1: "if this address is "<>", the receiver-SMTP MUST NOT send a notification".
    BounceDecision decision = builder().build(request("", unknownUser("x@example.org")));

    assertEquals(new NoDsn(NoDsnReason.NULL_SENDER), decision);
  }

  @Test
  void ownMailerDaemonGetsNoDsn() throws Exception {
    BounceDecision decision =
        builder().build(request("MAILER-DAEMON@Relay.Example.Net", unknownUser("x@example.org")));

    assertEquals(new NoDsn(NoDsnReason.OWN_MAILER_DAEMON), decision);
  }

  @Test
  void everyLineEndsInCrlfIsAtMost998OctetsAndSevenBit() throws Exception {
    RecipientReport longReply =
        RecipientReport.failed(
            "x@example.org",
            StatusCode.parse("5.7.1"),
            Optional.of("mx.example.org"),
            Optional.of(
                Diagnostic.smtp("550 5.7.1 " + "A".repeat(3000) + " " + "word ".repeat(400))),
            LAST_ATTEMPT);
    String longHeader = "X-Long: " + "b".repeat(2500) + "\r\n";
    DsnRequest request =
        new DsnRequest(
            HOST,
            envelope("alice@example.com"),
            List.of(longReply),
            headers(longHeader + ORIGINAL));
    byte[] content = ((DsnMessage) builder().build(request)).content();

    assertWellFormedLines(content);
    ParsedDsn dsn = new ParsedDsn(content);
    // The long original header survives quoted-printable byte for byte.
    assertTrue(new String(dsn.originalHeaders, StandardCharsets.US_ASCII).startsWith(longHeader));
  }

  static void assertWellFormedLines(byte[] content) {
    int lineStart = 0;
    for (int i = 0; i < content.length; i++) {
      int b = content[i] & 0xff;
      assertTrue(b < 0x80, "8-bit octet at " + i);
      if (b == '\r') {
        assertTrue(i + 1 < content.length && content[i + 1] == '\n', "bare CR at " + i);
      } else if (b == '\n') {
        assertTrue(i > 0 && content[i - 1] == '\r', "bare LF at " + i);
        assertTrue(i - 1 - lineStart <= 998, "line of " + (i - 1 - lineStart) + " octets");
        lineStart = i + 1;
      }
    }
    assertEquals(content.length, lineStart, "the message ends with CRLF");
  }

  static String unfold(String value) {
    return value.replace("\r\n", "");
  }
}
