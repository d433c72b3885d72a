package org.danerelay.dane.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.util.Properties;
import org.danerelay.dane.tlsa.TlsaRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs OpenSSL's DANE test vectors ({@code vectors/openssl-danetest.in}, see the README beside it)
 * through the verifier with the reference name {@code example.com}, as DANE for SMTP reads them.
 */
class OpenSslDaneVectorsTest {

  /**
   * Inside every vector certificate's validity (2015-12-13..3015-04-15 and 2016-02-06..2116-02-07),
   * so DANE-TA paths are judged as the vectors intend.
   */
  private static final Instant NOW = Instant.parse("2020-01-01T00:00:00Z");

  /** Blocks whose records are only PKIX-TA/PKIX-EE, unusable for SMTP (RFC 7672 3.1.3). */
  private static final int FIRST_SKIPPED = 21;

  private static final int LAST_SKIPPED = 38;

  /** Where SMTP differs from OpenSSL's expectation: block 50, DANE-EE ignores names (3.1.1). */
  private static final Map<Integer, Integer> SMTP_EXPECT = Map.of(50, 0);

  private static final String ALLOW_EMPTY_ISSUER = "org.bouncycastle.x509.allow_empty_issuer_cert";

  /** One block of the file. */
  record Block(
      int number,
      String title,
      int declaredTlsa,
      int opensslResult,
      List<TlsaRecord> records,
      List<X509Certificate> chain) {}

  static Stream<Arguments> blocks() throws IOException, CertificateException {
    return parse().stream().map(b -> Arguments.of("block " + b.number() + ": " + b.title(), b));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("blocks")
  void blockGivesTheSmtpExpectedOutcome(String name, Block block) {
    if (block.number() >= FIRST_SKIPPED && block.number() <= LAST_SKIPPED) {
      assertTrue(
          block.records().stream().noneMatch(TlsaRecord::isUsableForSmtp),
          "skipped blocks must be PKIX-only");
    }
    assumeFalse(
        block.number() >= FIRST_SKIPPED && block.number() <= LAST_SKIPPED,
        "PKIX-TA/PKIX-EE only: unusable for SMTP (RFC 7672 3.1.3)");
    // The README: only blocks 39-42 list a second TLSA line beyond their count; both are used.
    boolean extraLine = block.records().size() > block.declaredTlsa();
    assertEquals(block.number() >= 39 && block.number() <= 42, extraLine, "extra TLSA lines");

    int expected = SMTP_EXPECT.getOrDefault(block.number(), block.opensslResult());
    DaneVerdict verdict =
        new DaneVerifier().verify(block.chain(), block.records(), List.of("example.com"), NOW);

    assertEquals(expected == 0, verdict.isAuthenticated(), verdict.toString());
  }

  private static List<Block> parse() throws IOException, CertificateException {
    List<String> lines;
    try (InputStream in =
        OpenSslDaneVectorsTest.class.getResourceAsStream("/vectors/openssl-danetest.in")) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    // Bouncy Castle's parser, told to accept the empty issuer of the anonymous leaves (blocks
    // 1-8) for this thread only; the JDK's parser refuses them outright.
    CertificateFactory factory =
        CertificateFactory.getInstance("X.509", new BouncyCastleProvider());
    Properties.setThreadOverride(ALLOW_EMPTY_ISSUER, true);
    try {
      return parse(lines, factory);
    } finally {
      Properties.removeThreadOverride(ALLOW_EMPTY_ISSUER);
    }
  }

  private static List<Block> parse(List<String> lines, CertificateFactory factory)
      throws CertificateException {
    List<Block> blocks = new ArrayList<>();
    String title = "";
    int i = 0;
    while (i < lines.size()) {
      String line = lines.get(i++).strip();
      if (line.startsWith("# ") && !line.matches("# \\d+") && !line.startsWith("# --")) {
        title = line.substring(2);
      }
      if (!line.matches("-?\\d+( +-?\\d+){4}")) {
        continue;
      }
      String[] header = line.split(" +");
      int declaredTlsa = Integer.parseInt(header[0]);
      int certCount = Integer.parseInt(header[1]);
      List<TlsaRecord> records = new ArrayList<>();
      while (i < lines.size() && lines.get(i).strip().matches("\\d+ \\d+ \\d+ [0-9A-Fa-f]+")) {
        records.add(TlsaRecord.parse(lines.get(i++)));
      }
      List<X509Certificate> chain = new ArrayList<>();
      StringBuilder pem = null;
      while (chain.size() < certCount) {
        String text = lines.get(i++).strip();
        if (text.startsWith("-----BEGIN CERTIFICATE")) {
          pem = new StringBuilder();
        }
        if (pem != null) {
          pem.append(text).append('\n');
        }
        if (text.startsWith("-----END CERTIFICATE")) {
          byte[] bytes = pem.toString().getBytes(StandardCharsets.US_ASCII);
          chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(bytes)));
          pem = null;
        }
      }
      int number = blocks.size() + 1;
      String name =
          (title.isEmpty() ? "" : title + "; ")
              + records.stream().map(TlsaRecord::shortForm).toList()
              + ", "
              + certCount
              + " certificate(s), OpenSSL result "
              + header[3];
      blocks.add(
          new Block(number, name, declaredTlsa, Integer.parseInt(header[3]), records, chain));
      title = "";
    }
    assertEquals(50, blocks.size(), "blocks in the vector file");
    return blocks;
  }
}
