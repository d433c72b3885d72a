package org.danerelay.server.bounce;

import static org.danerelay.server.bounce.DsnFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Values chosen by a client or a remote server must not reshape the DSN. */
class DsnInjectionTest {

  private static final String INJECTION = "x\r\nBcc: victim@example.net\r\nX-Injected: yes\r\n\r\n";

  @Test
  void heloWithCrLfCannotAddHeaderLines() throws Exception {
    OriginalEnvelope envelope =
        new OriginalEnvelope("alice@example.com", QUEUE_ID, ARRIVAL, "192.0.2.10", INJECTION);
    DsnRequest request =
        new DsnRequest(HOST, envelope, List.of(unknownUser("x@example.org")), headers(ORIGINAL));
    byte[] content = ((DsnMessage) builder().build(request)).content();

    assertNoInjectedLines(content);
    ParsedDsn dsn = new ParsedDsn(content);
    assertNull(dsn.perMessage.getHeader("X-Injected"));
    assertEquals(
        "dns; x??Bcc:?victim@example.net??X-Injected:?yes???? ([192.0.2.10])",
        DsnBuilderTest.unfold(dsn.perMessage.getHeader("Received-From-MTA", null)));
    assertEquals(1, dsn.perRecipient.size());
  }

  @Test
  void diagnosticAndRemoteMtaWithCrLfCannotAddFieldsOrRecipientBlocks() throws Exception {
    RecipientReport hostile =
        RecipientReport.failed(
            "x@example.org",
            StatusCode.parse("5.0.0"),
            Optional.of("mx.example.org" + INJECTION),
            Optional.of(
                Diagnostic.smtp(
                    "550-5.0.0 first line"
                        + INJECTION
                        + "Final-Recipient: rfc822; forged@example.net\r\n"
                        + "550 5.0.0 last line")),
            LAST_ATTEMPT);
    byte[] content =
        ((DsnMessage) builder().build(request("alice@example.com", hostile))).content();

    assertNoInjectedLines(content);
    ParsedDsn dsn = new ParsedDsn(content);
    assertNull(dsn.message.getHeader("Bcc"));
    assertEquals(1, dsn.perRecipient.size());
    var recipient = dsn.perRecipient.get(0);
    assertNull(recipient.getHeader("X-Injected"));
    assertEquals(1, recipient.getHeader("Final-Recipient").length);
    // Multi-line replies are joined with spaces, as one diagnostic.
    String diagnostic = DsnBuilderTest.unfold(recipient.getHeader("Diagnostic-Code", null));
    assertTrue(diagnostic.startsWith("smtp; 550-5.0.0 first linex Bcc:"), diagnostic);
    assertTrue(diagnostic.endsWith("550 5.0.0 last line"), diagnostic);
  }

  @Test
  void originalHeadersCannotCloseTheReportOrAddParts() throws Exception {
    String hostile =
        "Subject: hi\r\n"
            + "X-Trick: --=_DaneRelay_\r\n"
            + "--\r\n"
            + "Content-Type: text/html\r\n"
            + "\r\n"
            + "body\r\n";
    DsnRequest request =
        new DsnRequest(
            HOST,
            envelope("alice@example.com"),
            List.of(unknownUser("x@example.org")),
            headers(hostile));
    ParsedDsn dsn = new ParsedDsn(((DsnMessage) builder().build(request)).content());

    assertEquals(3, dsn.report.getCount());
    assertEquals(
        hostile.substring(0, hostile.indexOf("\r\n\r\n") + 2),
        new String(dsn.originalHeaders, StandardCharsets.US_ASCII));
  }

  @Test
  void eightBitOriginalHeadersAreQuotedPrintableAndDecodeToTheSameBytes() throws Exception {
    String utf8 = "Subject: Gr\u00fc\u00dfe aus M\u00fcnchen\r\nX-Raw: a\u0000b\r\n\r\nbody\r\n";
    DsnRequest request =
        new DsnRequest(
            HOST,
            envelope("alice@example.com"),
            List.of(unknownUser("x@example.org")),
            headers(utf8));
    byte[] content = ((DsnMessage) builder().build(request)).content();

    DsnBuilderTest.assertWellFormedLines(content);
    ParsedDsn dsn = new ParsedDsn(content);
    assertEquals("quoted-printable", dsn.part(2, "Content-Transfer-Encoding"));
    assertArrayEquals(
        utf8.substring(0, utf8.indexOf("\r\n\r\n") + 2).getBytes(StandardCharsets.UTF_8),
        dsn.originalHeaders);
  }

  @Test
  void nonAsciiSenderNeedsSmtpUtf8AndDeliveryStatusStaysSevenBit() throws Exception {
    DsnMessage message =
        (DsnMessage)
            builder().build(request("j\u00f6rg@b\u00fccher.example", unknownUser("x@example.org")));
    ParsedDsn dsn = new ParsedDsn(message.content());

    assertTrue(message.smtpUtf8());
    assertEquals("j\u00f6rg@b\u00fccher.example", message.envelopeRecipient());
    // RFC 6533 3: utf-8-addr-xtext keeps message/delivery-status 7-bit.
    assertEquals(
        "utf-8; j\\x{F6}rg@b\\x{FC}cher.example",
        dsn.perMessage.getHeader("X-DaneRelay-Sender", null));
  }

  private static void assertNoInjectedLines(byte[] content) {
    List<String> lines = List.of(new String(content, StandardCharsets.UTF_8).split("\r\n"));
    for (String line : lines) {
      assertFalse(line.startsWith("Bcc:"), line);
      assertFalse(line.startsWith("X-Injected:"), line);
      assertFalse(line.startsWith("Final-Recipient: rfc822; forged"), line);
    }
    assertEquals(1, Collections.frequency(lines, "Content-Type: message/delivery-status"));
  }
}
