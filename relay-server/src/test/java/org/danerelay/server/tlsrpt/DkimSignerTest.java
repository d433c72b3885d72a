package org.danerelay.server.tlsrpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.danerelay.queue.TlsRptCount;
import org.danerelay.server.testing.DkimPy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DKIM signatures on report mail (RFC 6376, RFC 8463; RFC 8460 3), checked by dkimpy. */
class DkimSignerTest {

  private static final Instant NOW = Instant.parse("2026-12-05T00:30:00Z");

  @BeforeAll
  static void verifier() throws Exception {
    DkimPy.assumePresent();
  }

  private static byte[] reportMail() {
    LocalDate day = LocalDate.of(2026, 12, 4);
    AggregateReport report =
        AggregateReport.of(
            "Example Relay Operators",
            "relay.example",
            "tlsrpt@relay.example",
            "example.com",
            day,
            List.of(
                new TlsRptCount(
                    day,
                    "example.com",
                    "no-policy-found",
                    "",
                    "",
                    "mx.example.com",
                    "192.0.2.1",
                    "198.51.100.25",
                    "",
                    3)));
    ReportFile file = ReportFile.of(report, ReportJson.write(report));
    return ReportMail.build(
        report, file, "reports@example.com", NOW.atZone(ZoneOffset.UTC), "01abc");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"RSA", "Ed25519"})
  void dkimpyVerifiesTheSignature(String algorithm) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
    if (algorithm.equals("RSA")) {
      generator.initialize(2048);
    }
    KeyPair keys = generator.generateKeyPair();
    byte[] signed =
        new DkimSigner("relay.example", "tlsrpt", keys.getPrivate()).sign(reportMail(), NOW);

    String text = new String(signed, StandardCharsets.US_ASCII);
    assertTrue(text.startsWith("DKIM-Signature: v=1; a="), text);
    assertTrue(text.contains("; d=relay.example; s=tlsrpt;"), text);
    assertTrue(DkimPy.verifies(signed, keys.getPublic()), text);
  }

  @Test
  void aChangedReportNoLongerVerifies() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    String signed =
        new String(
            new DkimSigner("relay.example", "tlsrpt", keys.getPrivate()).sign(reportMail(), NOW),
            StandardCharsets.US_ASCII);
    byte[] forged =
        signed
            .replace("Report Domain: example.com", "Report Domain: example.org")
            .getBytes(StandardCharsets.US_ASCII);
    assertFalse(DkimPy.verifies(forged, keys.getPublic()));
  }

  @Test
  void relaxedCanonicalizationFoldsSpaceAndDropsTrailingEmptyLines() {
    assertEquals("subject:a b c", DkimSigner.relaxedHeader("Subject :  a \t b   c  "));
    assertEquals(" x\r\ny\r\n", DkimSigner.relaxedBody("  x  \r\ny\t\r\n\r\n\r\n"));
    assertEquals("", DkimSigner.relaxedBody("\r\n\r\n"));
  }
}
