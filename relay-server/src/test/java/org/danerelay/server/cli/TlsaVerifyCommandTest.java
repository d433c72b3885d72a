package org.danerelay.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code danerelay tlsa verify} as an operator runs it: exit 0 verified, 1 not, 2 bad input. */
class TlsaVerifyCommandTest {

  private static final Instant NOW = Instant.now();

  @TempDir Path folder;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private X509Certificate root;
  private X509Certificate leaf;
  private Path chain;

  @BeforeEach
  void mintChain() throws Exception {
    KeyPair rootKeys = ecKey();
    KeyPair leafKeys = ecKey();
    X500Name rootName = new X500Name("CN=CLI Test Root");
    root = sign(rootName, rootName, rootKeys, rootKeys, true, NOW.plus(Duration.ofDays(365)));
    leaf =
        sign(
            rootName,
            new X500Name("CN=mx"),
            leafKeys,
            rootKeys,
            false,
            NOW.plus(Duration.ofDays(2)));
    chain = folder.resolve("chain.pem");
    Files.writeString(chain, pem(leaf) + pem(root));
  }

  @Test
  void verifiedDaneEePrintsTheRecordAndDepthZero() throws Exception {
    String record = "3 1 1 " + sha256(leaf.getPublicKey().getEncoded());
    assertEquals(0, run("--chain", chain.toString(), "--tlsa", record, "--name", "x.example"));
    assertEquals(
        "verified: " + record + " matched at depth 0 (DANE-EE leaf public key)\n", out.toString());
  }

  @Test
  void verifiedDaneTaNamesTheTrustAnchorDepth() throws Exception {
    String record = "2 0 1 " + sha256(root.getEncoded());
    assertEquals(0, run("--chain", chain.toString(), "--tlsa", record, "--name", "mx.example.com"));
    assertTrue(
        out.toString().startsWith("verified: " + record + " matched at depth 1 (DANE-TA trust"),
        out.toString());
  }

  @Test
  void notVerifiedSaysWhyAndExitsOne() throws Exception {
    String record = "2 0 1 " + sha256(root.getEncoded());
    assertEquals(1, run("--chain", chain.toString(), "--tlsa", record, "--name", "other.example"));
    assertTrue(
        out.toString().startsWith("not verified: leaf name matches none of [other.example]"),
        out.toString());
  }

  @Test
  void atChecksValidityAtTheGivenInstant() throws Exception {
    String record = "2 1 1 " + sha256(root.getPublicKey().getEncoded());
    String later = NOW.plus(Duration.ofDays(30)).toString(); // the leaf has expired by then
    assertEquals(
        1,
        run(
            "--chain",
            chain.toString(),
            "--tlsa",
            record,
            "--name",
            "mx.example.com",
            "--at",
            later));
    assertTrue(out.toString().startsWith("not verified: chain from the DANE-TA anchor fails"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unreadable chain file    | missing.pem | 3 1 1 00   | mx.example.com | now                 | missing.pem: no such file",
        "no certificate in file   | empty.pem   | 3 1 1 00   | mx.example.com | now                 | empty.pem: no certificate found",
        "malformed --tlsa         | chain.pem   | 3 1 zz     | mx.example.com | now                 | --tlsa '3 1 zz'",
        "bad --at instant         | chain.pem   | 3 1 1 00   | mx.example.com | yesterday           | --at 'yesterday'",
        "missing --name           | chain.pem   | 3 1 1 00   |                | now                 | give at least one --name",
      })
  void badInputExitsTwoWithOneClearLine(
      String row, String file, String tlsa, String name, String at, String expected)
      throws Exception {
    Files.writeString(folder.resolve("empty.pem"), "not a certificate\n");
    var args = new java.util.ArrayList<String>();
    args.addAll(java.util.List.of("--chain", folder.resolve(file).toString(), "--tlsa", tlsa));
    if (name != null) {
      args.addAll(java.util.List.of("--name", name));
    }
    if (!at.equals("now")) {
      args.addAll(java.util.List.of("--at", at));
    }
    assertEquals(2, run(args.toArray(String[]::new)));
    assertTrue(err.toString().startsWith("danerelay: "), err.toString());
    assertTrue(err.toString().contains(expected), err.toString());
    assertEquals(1, err.toString().lines().count(), err.toString());
  }

  @Test
  void missingChainIsBadInput() throws Exception {
    assertEquals(2, run("--tlsa", "3 1 1 00", "--name", "mx.example.com"));
    assertEquals("danerelay: give the server's chain with --chain CHAIN.pem\n", err.toString());
  }

  private int run(String... args) {
    CommandLine cli = DaneRelayCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] full = new String[args.length + 2];
    full[0] = "tlsa";
    full[1] = "verify";
    System.arraycopy(args, 0, full, 2, args.length);
    return cli.execute(full);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static String pem(X509Certificate cert) throws Exception {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(cert.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }

  private static KeyPair ecKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static X509Certificate sign(
      X500Name issuer,
      X500Name subject,
      KeyPair keys,
      KeyPair issuerKeys,
      boolean ca,
      Instant until)
      throws Exception {
    var builder =
        new JcaX509v3CertificateBuilder(
            issuer,
            BigInteger.valueOf(System.nanoTime()),
            Date.from(NOW.minus(Duration.ofDays(1))),
            Date.from(until),
            subject,
            keys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    if (!ca) {
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(new GeneralName(GeneralName.dNSName, "mx.example.com")));
    }
    var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }
}
