package org.danerelay.dane.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * Fuzzes the PEM files that {@code danerelay tlsa generate} reads (docs/fuzzing.md). Input layout:
 * the file's text (read as Latin-1, so every byte reaches the parser).
 */
class PemBundleFuzzTest {

  private static final String SOURCE = "fuzzed.pem";

  /**
   * A file is either refused with an IOException that names it, or read into certificates that
   * print and parse back; asking the bundle for its leaf or its key then fails only with
   * IllegalArgumentException, as documented.
   */
  @FuzzTest
  void readsBundlesThatPrintBackOrRefusesWithIoException(byte[] input) throws IOException {
    String text = new String(input, StandardCharsets.ISO_8859_1);
    PemBundle bundle;
    try {
      bundle = PemBundle.parse(SOURCE, new StringReader(text));
    } catch (IOException refused) {
      assertTrue(refused.getMessage().startsWith(SOURCE + ": "), refused::getMessage);
      return;
    }
    if (!bundle.certificates().isEmpty()) {
      PemBundle again = PemBundle.parse(SOURCE, new StringReader(pem(bundle)));
      assertEquals(bundle.certificates(), again.certificates(), "certificates print back");
    }
    try {
      assertTrue(bundle.certificates().contains(bundle.leafCertificate()));
    } catch (IllegalArgumentException noSingleChain) {
      // documented: no certificate, or not one chain
    }
    try {
      assertTrue(bundle.subjectPublicKeyInfo().length > 0);
    } catch (IllegalArgumentException noUsableKey) {
      // documented: no key, keys of different pairs, or a key type it cannot derive from
    }
  }

  private static String pem(PemBundle bundle) {
    StringBuilder text = new StringBuilder();
    Base64.Encoder base64 = Base64.getMimeEncoder(64, new byte[] {'\n'});
    for (X509Certificate certificate : bundle.certificates()) {
      try {
        text.append("-----BEGIN CERTIFICATE-----\n")
            .append(base64.encodeToString(certificate.getEncoded()))
            .append("\n-----END CERTIFICATE-----\n");
      } catch (CertificateEncodingException e) {
        throw new AssertionError("a certificate read from PEM encodes again", e);
      }
    }
    return text.toString();
  }
}
