package org.danerelay.dane.publish;

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
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/** Mints keys and certificates per test and writes them as PEM, so no test shares key material. */
final class TestPki {

  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

  private TestPki() {}

  static KeyPair rsa() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  static KeyPair ec() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  static KeyPair ed25519() throws GeneralSecurityException {
    return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
  }

  static KeyPair keys(String type) throws GeneralSecurityException {
    return switch (type) {
      case "RSA" -> rsa();
      case "EC" -> ec();
      case "Ed25519" -> ed25519();
      default -> throw new IllegalArgumentException(type);
    };
  }

  static X509Certificate selfSigned(String cn, KeyPair keys, boolean ca) throws Exception {
    return issue(cn, keys.getPublic(), new X500Principal("CN=" + cn), keys.getPrivate(), ca);
  }

  static X509Certificate issue(
      String cn, PublicKey subjectKey, X509Certificate issuer, PrivateKey issuerKey, boolean ca)
      throws Exception {
    return issue(cn, subjectKey, issuer.getSubjectX500Principal(), issuerKey, ca);
  }

  static X509Certificate issue(
      String cn, PublicKey subjectKey, X500Principal issuer, PrivateKey issuerKey, boolean ca)
      throws Exception {
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            issuer,
            BigInteger.valueOf(SERIAL.incrementAndGet()),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(90))),
            new X500Principal("CN=" + cn),
            subjectKey);
    if (ca) {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    }
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer(issuerKey)));
  }

  /** Writes objects with Bouncy Castle's PEM writer: private keys come out PKCS#1 or SEC1. */
  static Path pem(Path file, Object... objects) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      for (Object object : objects) {
        writer.writeObject(object instanceof ECPrivateKey ec ? sec1(ec) : object);
      }
    }
    Files.writeString(file, text.toString());
    return file;
  }

  /**
   * SEC1 with the curve named inside, as openssl writes it: Bouncy Castle's writer would copy the
   * JDK key's inner structure, which leaves the curve out.
   */
  private static PemObject sec1(ECPrivateKey key) throws IOException {
    PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
    var inner =
        new org.bouncycastle.asn1.sec.ECPrivateKey(
            key.getParams().getOrder().bitLength(),
            key.getS(),
            info.getPrivateKeyAlgorithm().getParameters());
    return new PemObject("EC PRIVATE KEY", inner.getEncoded());
  }

  /** Writes a private key as unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}). */
  static Path pkcs8(Path file, PrivateKey key) throws IOException {
    return pem(file, new JcaPKCS8Generator(key, null));
  }

  private static org.bouncycastle.operator.ContentSigner signer(PrivateKey key)
      throws OperatorCreationException {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          case "EdDSA" -> "Ed25519";
          default -> key.getAlgorithm();
        };
    return new JcaContentSignerBuilder(algorithm).build(key);
  }
}
