package org.danerelay.server.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.danerelay.dane.publish.PemBundle;
import org.danerelay.server.testing.TestPki;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code danerelay tlsa rollover init}: the next key, its request, and what to publish. */
class RolloverInitCommandTest {

  private static final String HOST = "mail.example.test";

  @TempDir Path folder;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private Path cert;
  private Path key;
  private Path config;
  private KeyPair caKeys;
  private X509Certificate ca;
  private X509Certificate leaf;

  @BeforeEach
  void aCaIssuedPair() throws Exception {
    Path tls = Files.createDirectories(folder.resolve("tls"));
    caKeys = TestPki.ecKeys();
    ca = TestPki.ca("Test Issuing CA", caKeys);
    KeyPair keys = TestPki.ecKeys();
    leaf = TestPki.issue(HOST, keys.getPublic(), ca, caKeys.getPrivate());
    cert = TestPki.writeCertificates(tls.resolve("cert.pem"), leaf, ca);
    key = TestPki.writeKey(tls.resolve("key.pem"), keys.getPrivate());
    config = configWith("smtpd.tls.cert = " + cert, "smtpd.tls.key = " + key);
  }

  @Test
  void currentPlusNextMakesAnOwnerOnlyKeyARequestForItAndPrintsBothRecords() throws Exception {
    assertEquals(0, run("--scheme", "current+next"), err.toString());

    Path next = folder.resolve("tls/key.pem.next");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(next)));
    byte[] nextSpki = PemBundle.read(next).subjectPublicKeyInfo();
    List<String> records = recordLines();
    assertEquals(
        List.of(
            "_25._tcp.mail.example.test. IN TLSA 3 1 1 " + sha256(leaf.getPublicKey().getEncoded()),
            "_25._tcp.mail.example.test. IN TLSA 3 1 1 " + sha256(nextSpki)),
        records);
    PKCS10CertificationRequest request = request(folder.resolve("tls/key.pem.next.csr"));
    assertArrayEquals(nextSpki, request.getSubjectPublicKeyInfo().getEncoded());
    assertEquals("CN=" + HOST, request.getSubject().toString());
    assertTrue(out.toString().contains("(EC P-256, mode 0600)"), out.toString());
  }

  @Test
  void currentPlusIssuerPrintsTheIssuersKeyRecordFromTheChainFile() throws Exception {
    assertEquals(
        0, run("--scheme", "current+issuer", "--host", "MX2.example.test."), err.toString());

    assertEquals(
        List.of(
            "_25._tcp.mx2.example.test. IN TLSA 3 1 1 " + sha256(leaf.getPublicKey().getEncoded()),
            "_25._tcp.mx2.example.test. IN TLSA 2 1 1 " + sha256(ca.getPublicKey().getEncoded())),
        recordLines());
  }

  @Test
  void currentPlusIssuerWithoutTheIssuerAsksForTheBundle() throws Exception {
    TestPki.writeCertificates(cert, leaf);

    assertEquals(2, run("--scheme", "current+issuer"));

    assertTrue(err.toString().contains("give the CA bundle with --issuer FILE"), err.toString());
    assertTrue(Files.notExists(folder.resolve("tls/key.pem.next")), "no key made");
  }

  @Test
  void aSecondInitIsRefusedSoThatAPublishedNextKeyIsNeverReplaced() throws Exception {
    assertEquals(0, run("--scheme", "current+next"));
    byte[] first = Files.readAllBytes(folder.resolve("tls/key.pem.next"));

    assertEquals(2, run("--scheme", "current+next"));

    assertTrue(err.toString().contains("a rollover is already in progress"), err.toString());
    assertArrayEquals(first, Files.readAllBytes(folder.resolve("tls/key.pem.next")));
  }

  @Test
  void theAlgorithmCanChange() throws Exception {
    assertEquals(0, run("--scheme", "current+next", "--algorithm", "rsa"), err.toString());

    assertTrue(out.toString().contains("(RSA 2048, mode 0600)"), out.toString());
  }

  @Test
  void aSelfSignedRelayCannotPinAnIssuer() throws Exception {
    config = configWith();

    assertEquals(2, run("--scheme", "current+issuer"));

    assertTrue(err.toString().contains("use --scheme current+next"), err.toString());
  }

  private Path configWith(String... lines) throws Exception {
    StringBuilder text = new StringBuilder("data.dir = " + folder.resolve("data") + "\n");
    text.append("smtpd.hostname = ").append(HOST).append('\n');
    for (String line : lines) {
      text.append(line).append('\n');
    }
    if (lines.length == 0) {
      // The relay makes its self-signed pair at first start; here the test stands in for it.
      Path tls = Files.createDirectories(folder.resolve("data/tls"));
      KeyPair own = TestPki.ecKeys();
      TestPki.writeCertificates(tls.resolve("selfsigned-cert.pem"), TestPki.selfSigned(HOST, own));
      TestPki.writeKey(tls.resolve("selfsigned-key.pem"), own.getPrivate());
    }
    return Files.writeString(folder.resolve("relay.conf"), text.toString());
  }

  private List<String> recordLines() {
    return out.toString().lines().filter(line -> line.startsWith("_25._tcp.")).toList();
  }

  private static PKCS10CertificationRequest request(Path file) throws Exception {
    try (Reader reader = Files.newBufferedReader(file);
        PEMParser parser = new PEMParser(reader)) {
      return (PKCS10CertificationRequest) parser.readObject();
    }
  }

  private static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    CommandLine cli = DaneRelayCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 5];
    all[0] = "tlsa";
    all[1] = "rollover";
    all[2] = "init";
    System.arraycopy(args, 0, all, 3, args.length);
    all[args.length + 3] = "--config";
    all[args.length + 4] = config.toString();
    return cli.execute(all);
  }
}
