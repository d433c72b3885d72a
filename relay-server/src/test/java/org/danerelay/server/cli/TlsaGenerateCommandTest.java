package org.danerelay.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code danerelay tlsa generate} as an operator runs it: the lines to publish, or one error. */
class TlsaGenerateCommandTest {

  private static final String OWNER = "_25._tcp.mail.example.nl. IN TLSA ";
  private static final String ROLLOVER =
      " (RFC 7671 8.1): publish all of these now; switch keys only after they have been on every"
          + " authoritative name server for at least two TTLs\n";

  @TempDir static Path dir;

  static KeyPair rootKeys;
  static KeyPair caKeys;
  static KeyPair leafKeys;
  static X509Certificate root;
  static X509Certificate ca;
  static X509Certificate leaf;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void mintChainAndFiles() throws Exception {
    rootKeys = keys("RSA");
    caKeys = keys("EC");
    leafKeys = keys("EC");
    root = issue("CN=Test Root", rootKeys.getPublic(), "CN=Test Root", rootKeys.getPrivate(), true);
    ca = issue("CN=Test CA", caKeys.getPublic(), "CN=Test Root", rootKeys.getPrivate(), true);
    leaf =
        issue("CN=mail.example.nl", leafKeys.getPublic(), "CN=Test CA", caKeys.getPrivate(), false);
    pem("cert.pem", leaf);
    pem("key.pem", new JcaPKCS8Generator(leafKeys.getPrivate(), null));
    pem("pub.pem", leafKeys.getPublic());
    pem("bundle.pem", ca, leaf, root);
    pem("noroot.pem", leaf, ca);
    pem("root.pem", root);
    pem("next.pem", keys("RSA").getPrivate());
    Files.writeString(dir.resolve("bad.pem"), "-----BEGIN CERTIFICATE-----\n!!\n");
  }

  @Test
  void certificateGivesTheHowTosThreeOneOneLine() throws Exception {
    assertEquals(0, run("--cert", file("cert.pem"), "--host", "Mail.Example.NL."));
    assertEquals(
        OWNER + "3 1 1 " + sha256(leafKeys.getPublic().getEncoded()) + "\n", out.toString());
    assertEquals("", err.toString());
  }

  @Test
  void usageSelectorMatchingAndPortAreHonoured() throws Exception {
    String[] args = {"--usage", "3", "--selector", "0", "--matching", "2", "--port", "587"};
    assertEquals(0, run(concat(args, "--cert", file("cert.pem"), "--host", "mail.example.nl")));
    String digest =
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(leaf.getEncoded()));
    assertEquals("_587._tcp.mail.example.nl. IN TLSA 3 0 2 " + digest + "\n", out.toString());
  }

  @ParameterizedTest(name = "--key {0} gives the certificate''s 3 1 1 line")
  @CsvSource({"key.pem", "pub.pem"})
  void keyGivesTheSameLineAsItsCertificate(String key) throws Exception {
    assertEquals(0, run("--key", file(key), "--host", "mail.example.nl"));
    assertEquals(
        OWNER + "3 1 1 " + sha256(leafKeys.getPublic().getEncoded()) + "\n", out.toString());
  }

  @ParameterizedTest(name = "--anchor {0} pins the {0}''s key with 2 1 1")
  @CsvSource({"root", "issuer"})
  void chainGivesTheAnchorsTwoOneOneLine(String anchor) throws Exception {
    assertEquals(
        0, run("--chain", file("bundle.pem"), "--anchor", anchor, "--host", "mail.example.nl"));
    PublicKey key = anchor.equals("root") ? rootKeys.getPublic() : caKeys.getPublic();
    assertEquals(OWNER + "2 1 1 " + sha256(key.getEncoded()) + "\n", out.toString());
  }

  @Test
  void currentPlusNextPrintsBothKeysAndTheRolloverRule() throws Exception {
    assertEquals(
        0,
        run(
            "--cert",
            file("cert.pem"),
            "--next-key",
            file("next.pem"),
            "--host",
            "mail.example.nl"));
    String[] lines = out.toString().split("\n");
    assertEquals(3, lines.length, out.toString());
    assertEquals(OWNER + "3 1 1 " + sha256(leafKeys.getPublic().getEncoded()), lines[0]);
    assertTrue(lines[1].startsWith(OWNER + "3 1 1 ") && !lines[1].equals(lines[0]), lines[1]);
    assertEquals("; current + next" + ROLLOVER, lines[2] + "\n");
  }

  @Test
  void currentPlusIssuerPrintsLeafAndIssuerAndTheRolloverRule() throws Exception {
    assertEquals(
        0,
        run(
            "--key",
            file("key.pem"),
            "--with-issuer",
            file("bundle.pem"),
            "--host",
            "mail.example.nl"));
    assertEquals(
        OWNER
            + "3 1 1 "
            + sha256(leafKeys.getPublic().getEncoded())
            + "\n"
            + OWNER
            + "2 1 1 "
            + sha256(caKeys.getPublic().getEncoded())
            + "\n"
            + "; current + issuer"
            + ROLLOVER,
        out.toString());
  }

  @Test
  void lineEqualsTheHowTosOpensslPipeline() throws Exception {
    assumeTrue(
        opensslAvailable(), "openssl is not on PATH: skipping the cross-check with the how-to");
    String pipeline =
        "openssl x509 -in '"
            + file("cert.pem")
            + "' -noout -pubkey | openssl pkey -pubin -outform DER | openssl sha256";
    String openssl = sh(pipeline).strip();
    assertEquals(0, run("--cert", file("cert.pem"), "--host", "mail.example.nl"));
    assertEquals(
        OWNER + "3 1 1 " + openssl.substring(openssl.lastIndexOf("= ") + 2) + "\n", out.toString());
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--cert DIR/absent.pem --host mail.example.nl | DIR/absent.pem: no such file",
        "--cert DIR/bad.pem --host mail.example.nl | DIR/bad.pem: bad PEM",
        "--cert DIR/key.pem --host mail.example.nl | DIR/key.pem holds no PEM certificate (it holds a key: use --key)",
        "--key DIR/cert.pem --host mail.example.nl | DIR/cert.pem holds no private or public key (it holds a certificate: use --cert)",
        "--cert DIR/cert.pem --usage 1 --host mail.example.nl | --usage must be 2 (DANE-TA) or 3 (DANE-EE), got '1': DANE for SMTP ignores PKIX-TA(0) and PKIX-EE(1)",
        "--cert DIR/cert.pem --usage 0 --host mail.example.nl | --usage must be 2 (DANE-TA) or 3 (DANE-EE)",
        "--cert DIR/cert.pem --usage x --host mail.example.nl | --usage must be 2 (DANE-TA) or 3 (DANE-EE)",
        "--cert DIR/cert.pem --selector 2 --host mail.example.nl | --selector must be 0 (full certificate) or 1 (public key), got '2'",
        "--cert DIR/cert.pem --matching 3 --host mail.example.nl | --matching must be 0 (full), 1 (SHA-256) or 2 (SHA-512), got '3'",
        "--cert DIR/cert.pem --matching sha256 --host mail.example.nl | --matching must be 0 (full)",
        "--key DIR/key.pem --selector 0 --host mail.example.nl | --selector 0 hashes a whole certificate and --key has none",
        "--cert DIR/cert.pem | --host is required",
        "--cert DIR/cert.pem --anchor root --host mail.example.nl | --anchor goes with --chain BUNDLE",
        "--cert DIR/cert.pem --host mail..example.nl | --host: host name 'mail..example.nl' has an invalid label",
        "--cert DIR/cert.pem --host 192.0.2.25 | --host: '192.0.2.25' is an address, not a host name",
        "--host mail.example.nl | give exactly one of --cert, --key or --chain",
        "--cert DIR/cert.pem --key DIR/key.pem --host mail.example.nl | give exactly one of --cert, --key or --chain",
        "--chain DIR/bundle.pem --host mail.example.nl | --chain needs --anchor root or --anchor issuer",
        "--chain DIR/bundle.pem --anchor top --host mail.example.nl | --chain needs --anchor root or --anchor issuer",
        "--chain DIR/noroot.pem --anchor root --host mail.example.nl | DIR/noroot.pem: the bundle holds no self-signed root",
        "--chain DIR/bundle.pem --anchor root --usage 3 --host mail.example.nl | --chain makes a CA's record: --usage must be 2",
        "--chain DIR/bundle.pem --anchor root --next-key DIR/next.pem --host mail.example.nl | --next-key and --with-issuer go with --cert or --key",
        "--cert DIR/cert.pem --next-key DIR/key.pem --host mail.example.nl | DIR/key.pem holds the current key, not a new one",
        "--cert DIR/cert.pem --port 0 --host mail.example.nl | --port must be 1-65535, got '0'",
        "--cert DIR/cert.pem --selector 0 --next-key DIR/next.pem --host mail.example.nl | --next-key needs --selector 1",
        "--key DIR/next.pem --with-issuer DIR/bundle.pem --host mail.example.nl | the server certificate in DIR/bundle.pem is not for the key in DIR/next.pem",
        "--cert DIR/cert.pem --with-issuer DIR/root.pem --host mail.example.nl | no certificate in the bundle signed CN=mail.example.nl",
      })
  void badInputExitsTwoWithOneClearLine(String args, String error) {
    String[] argv = args.replace("DIR", dir.toString()).split(" ");
    assertEquals(2, run(argv));
    assertEquals("", out.toString());
    String text = err.toString();
    assertTrue(text.startsWith("danerelay: " + error.replace("DIR", dir.toString())), text);
    assertEquals(1, text.lines().count(), text);
  }

  @Test
  void missingRootSuggestsTheIssuerAnchor() {
    assertEquals(
        2, run("--chain", file("noroot.pem"), "--anchor", "root", "--host", "mail.example.nl"));
    assertTrue(err.toString().endsWith("; add it or use --anchor issuer\n"), err.toString());
  }

  private int run(String... args) {
    var cli = DaneRelayCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(concat(new String[] {"tlsa", "generate"}, args));
  }

  private static String[] concat(String[] head, String... tail) {
    String[] all = new String[head.length + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }

  private static String file(String name) {
    return dir.resolve(name).toString();
  }

  private static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  private static KeyPair keys(String type) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(type);
    if (type.equals("EC")) {
      generator.initialize(new ECGenParameterSpec("secp256r1"));
    } else {
      generator.initialize(2048);
    }
    return generator.generateKeyPair();
  }

  private static X509Certificate issue(
      String subject, PublicKey key, String issuer, PrivateKey signer, boolean ca)
      throws Exception {
    Instant now = Instant.now();
    var builder =
        new JcaX509v3CertificateBuilder(
            new X500Principal(issuer),
            new BigInteger(64, new SecureRandom()),
            Date.from(now.minusSeconds(3600)),
            Date.from(now.plusSeconds(86400)),
            new X500Principal(subject),
            key);
    if (ca) {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    }
    String algorithm = signer.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(signer)));
  }

  private static void pem(String name, Object... objects) throws Exception {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      for (Object object : objects) {
        writer.writeObject(object);
      }
    }
    Files.writeString(dir.resolve(name), text.toString());
  }

  private static boolean opensslAvailable() {
    try {
      return sh("openssl version").startsWith("OpenSSL");
    } catch (Exception e) {
      return false;
    }
  }

  private static String sh(String command) throws Exception {
    Path output = Files.createTempFile(dir, "sh", ".out");
    Process process =
        new ProcessBuilder("sh", "-c", command)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(output.toFile())
            .redirectErrorStream(true)
            .start();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("timed out: " + command);
    }
    return Files.readString(output);
  }
}
