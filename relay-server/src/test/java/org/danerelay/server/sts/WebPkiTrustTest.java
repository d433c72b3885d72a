package org.danerelay.server.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.danerelay.dane.verify.WebPkiVerdict;
import org.danerelay.server.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The roots MTA-STS trusts ({@code mta-sts.trust-store}): read as a user would give them. */
class WebPkiTrustTest {

  @TempDir Path folder;

  @Test
  void trustsEveryCaOfAPemBundleWithTextBetweenTheCertificates() throws Exception {
    KeyPair firstKeys = TestPki.ecKeys();
    X509Certificate first = TestPki.ca("First Root", firstKeys);
    KeyPair secondKeys = TestPki.ecKeys();
    X509Certificate second = TestPki.ca("Second Root", secondKeys);
    // As in the CA bundles people download: a title line above each certificate.
    String bundle =
        "First Root\n==========\n" + pem(first) + "\nSecond Root\n===========\n" + pem(second);
    Path file = Files.writeString(folder.resolve("bundle.pem"), bundle);

    WebPkiTrust trust = WebPkiTrust.load(Optional.of(file));

    assertEquals(Set.of(first, second), Set.of(trust.trustManager().getAcceptedIssuers()));
    KeyPair leafKeys = TestPki.ecKeys();
    X509Certificate leaf =
        TestPki.issue(
            "mta-sts.example.test", leafKeys.getPublic(), second, secondKeys.getPrivate());
    trust.trustManager().checkServerTrusted(new X509Certificate[] {leaf}, "UNKNOWN");
    assertInstanceOf(
        WebPkiVerdict.Authenticated.class,
        trust.verifier().verify(List.of(leaf), "mta-sts.example.test", Instant.now()));
  }

  @Test
  void doesNotTrustACaLeftOutOfTheFile() throws Exception {
    X509Certificate trusted = TestPki.ca("Trusted Root", TestPki.ecKeys());
    KeyPair otherKeys = TestPki.ecKeys();
    X509Certificate other = TestPki.ca("Other Root", otherKeys);
    X509Certificate leaf =
        TestPki.issue(
            "mta-sts.example.test", TestPki.ecKeys().getPublic(), other, otherKeys.getPrivate());
    Path file = TestPki.writeCertificates(folder.resolve("one.pem"), trusted);

    WebPkiTrust trust = WebPkiTrust.load(Optional.of(file));

    assertThrows(
        CertificateException.class,
        () -> trust.trustManager().checkServerTrusted(new X509Certificate[] {leaf}, "UNKNOWN"));
  }

  @Test
  void withoutAFileTrustsTheJdksDefaultRoots() throws Exception {
    WebPkiTrust trust = WebPkiTrust.load(Optional.empty());
    assertTrue(trust.trustManager().getAcceptedIssuers().length > 10);
  }

  @Test
  void refusesAnEmptyFileNamingIt() throws Exception {
    Path empty = Files.writeString(folder.resolve("empty.pem"), "");
    assertRefusedNaming(empty, "no certificate in it");
  }

  @Test
  void refusesAFileWithoutCertificatesNamingIt() throws Exception {
    Path garbage = Files.writeString(folder.resolve("garbage.pem"), "not a certificate\n");
    assertRefusedNaming(garbage, "garbage.pem");
  }

  @Test
  void refusesABrokenCertificateNamingTheFile() throws Exception {
    Path broken =
        Files.writeString(
            folder.resolve("broken.pem"),
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    assertRefusedNaming(broken, "not PEM CA certificates");
  }

  @Test
  void refusesAMissingFileNamingIt() {
    assertRefusedNaming(folder.resolve("missing.pem"), "no such file");
  }

  private static void assertRefusedNaming(Path file, String why) {
    IOException refused =
        assertThrows(IOException.class, () -> WebPkiTrust.load(Optional.of(file)));
    assertTrue(refused.getMessage().startsWith(file.toString()), refused.getMessage());
    assertTrue(refused.getMessage().contains(why), refused.getMessage());
    assertFalse(refused.getMessage().contains("\n"), refused.getMessage());
  }

  private String pem(X509Certificate certificate) throws Exception {
    Path file = TestPki.writeCertificates(folder.resolve("c" + System.nanoTime()), certificate);
    return Files.readString(file);
  }
}
