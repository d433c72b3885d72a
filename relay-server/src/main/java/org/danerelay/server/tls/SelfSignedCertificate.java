package org.danerelay.server.tls;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes the key pair and self-signed certificate that the listener uses when none is configured.
 *
 * <p>RSA 2048 because legacy MTAs on trusted networks, the smarthost role's clients, do not all
 * speak ECDSA; the key file is written owner-only before any key bytes go into it.
 */
public final class SelfSignedCertificate {

  private static final Duration VALIDITY = Duration.ofDays(3650);

  private SelfSignedCertificate() {}

  /** Writes {@code key} and {@code cert} PEM files for {@code hostname}. */
  public static void generate(String hostname, Path key, Path cert, Clock clock)
      throws IOException {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048, new SecureRandom());
      KeyPair pair = generator.generateKeyPair();
      X509Certificate certificate = sign(hostname, pair, clock.instant());
      Files.createDirectories(key.getParent());
      writeOwnerOnly(key, pair.getPrivate());
      writePem(cert, certificate);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("cannot generate a self-signed certificate: " + e.getMessage(), e);
    }
  }

  /**
   * A self-signed certificate for an existing key pair (RSA or EC): the rollover's next key, when
   * the relay serves its own certificate.
   */
  public static X509Certificate certify(String hostname, KeyPair pair, Clock clock)
      throws IOException {
    try {
      return sign(hostname, pair, clock.instant());
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("cannot certify the key for " + hostname + ": " + e.getMessage(), e);
    }
  }

  private static X509Certificate sign(String hostname, KeyPair pair, Instant now)
      throws OperatorCreationException, GeneralSecurityException, IOException {
    X500Name subject = new X500Name("CN=" + hostname);
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            subject,
            new BigInteger(64, new SecureRandom()),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(VALIDITY)),
            subject,
            pair.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(new GeneralName(GeneralName.dNSName, hostname)));
    String algorithm =
        pair.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    var signer = new JcaContentSignerBuilder(algorithm).build(pair.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }

  private static void writeOwnerOnly(Path file, Object pemObject) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    writePem(file, pemObject);
  }

  private static void writePem(Path file, Object pemObject) throws IOException {
    try (Writer writer =
            Files.newBufferedWriter(
                file,
                StandardCharsets.US_ASCII,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        JcaPEMWriter pem = new JcaPEMWriter(writer)) {
      pem.writeObject(pemObject);
    }
  }
}
