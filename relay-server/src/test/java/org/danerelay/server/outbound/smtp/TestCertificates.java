package org.danerelay.server.outbound.smtp;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Mints a self-signed EC server certificate per test with Bouncy Castle. */
public final class TestCertificates {

  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

  /** A certificate with its key pair. */
  public record Minted(X509Certificate cert, KeyPair keys) {

    /** SHA-256 of the SubjectPublicKeyInfo: the data of a {@code 3 1 1} TLSA record. */
    public byte[] spkiSha256() {
      return sha256(cert.getPublicKey().getEncoded());
    }

    /** SHA-256 of the whole certificate: the data of a {@code 3 0 1} TLSA record. */
    byte[] certSha256() {
      try {
        return sha256(cert.getEncoded());
      } catch (java.security.cert.CertificateEncodingException e) {
        throw new IllegalStateException(e);
      }
    }

    private static byte[] sha256(byte[] data) {
      try {
        return MessageDigest.getInstance("SHA-256").digest(data);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    /** A server-side TLS context presenting this certificate. */
    public SSLContext serverContext() {
      try {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] noPassword = new char[0];
        store.setKeyEntry("server", keys.getPrivate(), noPassword, new X509Certificate[] {cert});
        KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX");
        factory.init(store, noPassword);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
      } catch (GeneralSecurityException | java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private TestCertificates() {}

  /** A self-signed leaf for {@code dnsName}, valid from yesterday for 30 days. */
  public static Minted selfSigned(String dnsName) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair keys = generator.generateKeyPair();
      X500Name name = new X500Name("CN=" + dnsName);
      Instant now = Instant.now();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              name,
              BigInteger.valueOf(SERIAL.incrementAndGet()),
              Date.from(now.minus(Duration.ofDays(1))),
              Date.from(now.plus(Duration.ofDays(30))),
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
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
      return new Minted(cert, keys);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
