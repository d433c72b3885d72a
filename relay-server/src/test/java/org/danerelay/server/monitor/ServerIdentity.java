package org.danerelay.server.monitor;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A server's key and self-signed certificate, minted per test with Bouncy Castle: EC P-256 or RSA
 * 2048, valid from yesterday for a chosen number of days.
 *
 * @param cert the certificate
 * @param keys its key pair
 */
public record ServerIdentity(X509Certificate cert, KeyPair keys) {

  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

  /** An ECDSA P-256 identity for {@code dnsName}, expiring in {@code days} days. */
  public static ServerIdentity ecdsa(String dnsName, long days) {
    return mint(dnsName, days, "EC", "SHA256withECDSA");
  }

  /** An RSA 2048 identity for {@code dnsName}, expiring in {@code days} days. */
  public static ServerIdentity rsa(String dnsName, long days) {
    return mint(dnsName, days, "RSA", "SHA256withRSA");
  }

  /** The {@code 3 1 1} TLSA record of this key, as the how-to computes it with openssl. */
  public String tlsa() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(keys.getPublic().getEncoded());
      return "3 1 1 " + HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ServerIdentity mint(String dnsName, long days, String type, String signature) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(type);
      if (type.equals("EC")) {
        generator.initialize(new ECGenParameterSpec("secp256r1"));
      } else {
        generator.initialize(2048);
      }
      KeyPair keys = generator.generateKeyPair();
      X500Name name = new X500Name("CN=" + dnsName);
      Instant now = Instant.now();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              name,
              BigInteger.valueOf(SERIAL.incrementAndGet()),
              Date.from(now.minus(Duration.ofDays(1))),
              Date.from(now.plus(Duration.ofDays(days)).plus(Duration.ofHours(1))),
              name,
              keys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
      X509Certificate cert =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(new JcaContentSignerBuilder(signature).build(keys.getPrivate())));
      return new ServerIdentity(cert, keys);
    } catch (Exception e) {
      throw new IllegalStateException("cannot mint a " + type + " certificate", e);
    }
  }
}
