package org.danerelay.server.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Mints keys and certificates per test with Bouncy Castle and writes them as PEM files: a server's
 * own pair, a CA, or a certificate for a key made elsewhere (the rollover's next key).
 */
public final class TestPki {

  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

  private TestPki() {}

  /** An EC P-256 key pair: quick to make. */
  public static KeyPair ecKeys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  /** A self-signed server certificate for {@code host}. */
  public static X509Certificate selfSigned(String host, KeyPair keys) throws Exception {
    return issue(host, keys.getPublic(), new X500Principal("CN=" + host), keys.getPrivate(), false);
  }

  /** A self-signed CA certificate. */
  public static X509Certificate ca(String name, KeyPair keys) throws Exception {
    return issue(name, keys.getPublic(), new X500Principal("CN=" + name), keys.getPrivate(), true);
  }

  /** A server certificate for {@code host} and {@code key}, signed by the CA. */
  public static X509Certificate issue(
      String host, PublicKey key, X509Certificate ca, PrivateKey caKey) throws Exception {
    return issue(host, key, ca.getSubjectX500Principal(), caKey, false);
  }

  /** A server certificate naming every one of {@code hosts} (DNS subjectAltNames), by the CA. */
  public static X509Certificate issueFor(
      PublicKey key, X509Certificate ca, PrivateKey caKey, String... hosts) throws Exception {
    return issue(hosts[0], List.of(hosts), key, ca.getSubjectX500Principal(), caKey, false);
  }

  /**
   * A server certificate for {@code host}, signed by the CA, whose validity ended a day ago (it ran
   * for 30 days): for the "expired" failures of RFC 8461 3.3 and 4.2.
   */
  public static X509Certificate issueExpired(
      String host, PublicKey key, X509Certificate ca, PrivateKey caKey) throws Exception {
    Instant now = Instant.now();
    return issue(
        host,
        List.of(host),
        key,
        ca.getSubjectX500Principal(),
        caKey,
        false,
        now.minus(Duration.ofDays(31)),
        now.minus(Duration.ofDays(1)));
  }

  /** Writes a private key as PKCS#8 PEM, owner-only. */
  public static Path writeKey(Path file, PrivateKey key) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(new JcaPKCS8Generator(key, null));
    }
    Files.writeString(file, text.toString());
    return file;
  }

  /** Writes certificates as PEM, in the order given (leaf first for a chain). */
  public static Path writeCertificates(Path file, X509Certificate... certificates)
      throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      for (X509Certificate certificate : certificates) {
        writer.writeObject(certificate);
      }
    }
    Files.writeString(file, text.toString());
    return file;
  }

  /** The first certificate in a PEM file. */
  public static X509Certificate readCertificate(Path file) throws IOException {
    return org.danerelay.server.tls.PemFiles.readCertificates(file).get(0);
  }

  private static X509Certificate issue(
      String name, PublicKey subjectKey, X500Principal issuer, PrivateKey issuerKey, boolean ca)
      throws Exception {
    return issue(name, List.of(name), subjectKey, issuer, issuerKey, ca);
  }

  private static X509Certificate issue(
      String name,
      List<String> altNames,
      PublicKey subjectKey,
      X500Principal issuer,
      PrivateKey issuerKey,
      boolean ca)
      throws Exception {
    Instant now = Instant.now();
    return issue(
        name,
        altNames,
        subjectKey,
        issuer,
        issuerKey,
        ca,
        now.minus(Duration.ofHours(1)),
        now.plus(Duration.ofDays(90)));
  }

  private static X509Certificate issue(
      String name,
      List<String> altNames,
      PublicKey subjectKey,
      X500Principal issuer,
      PrivateKey issuerKey,
      boolean ca,
      Instant notBefore,
      Instant notAfter)
      throws Exception {
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            issuer,
            BigInteger.valueOf(SERIAL.incrementAndGet()),
            Date.from(notBefore),
            Date.from(notAfter),
            new X500Principal("CN=" + name),
            subjectKey);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    if (!ca) {
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              altNames.stream()
                  .map(n -> new GeneralName(GeneralName.dNSName, n))
                  .toArray(GeneralName[]::new)));
    }
    String algorithm = issuerKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
  }
}
