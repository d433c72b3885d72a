package org.danerelay.server.rollover;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Makes the next key of a rollover, of the current key's kind unless told otherwise, and writes it
 * owner-only with a certificate request for it (PKCS#10, what a CA or an ACME client takes).
 */
final class NextKey {

  private static final int MIN_RSA_BITS = 2048;

  private NextKey() {}

  /**
   * A new key pair: {@code algorithm} ({@code rsa} or {@code ec}) when given, else the current
   * key's algorithm and size (RSA at least 2048 bits; EC on the same NIST curve).
   *
   * @throws IllegalArgumentException for an algorithm this cannot make
   */
  static KeyPair generate(PrivateKey current, Optional<String> algorithm)
      throws GeneralSecurityException {
    String kind =
        algorithm
            .map(a -> a.toLowerCase(Locale.ROOT))
            .orElse(current.getAlgorithm().toLowerCase(Locale.ROOT));
    return switch (kind) {
      case "rsa" -> rsa(current instanceof RSAPrivateKey rsa ? rsa.getModulus().bitLength() : 0);
      case "ec" ->
          ec(current instanceof ECPrivateKey ec ? ec.getParams().getOrder().bitLength() : 256);
      default ->
          throw new IllegalArgumentException(
              "the current key is "
                  + current.getAlgorithm()
                  + ": give --algorithm rsa or --algorithm ec for the next one");
    };
  }

  /**
   * Writes {@code key} as unencrypted PKCS#8 PEM, mode 0600 from its first byte, owned as the
   * current key {@code ownerOf} is.
   */
  static void writeKey(Path file, PrivateKey key, Path ownerOf) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(new JcaPKCS8Generator(key, null));
    }
    AtomicFiles.write(
        file, text.toString().getBytes(StandardCharsets.US_ASCII), AtomicFiles.OWNER_ONLY);
  }

  /**
   * Writes a PKCS#10 request for {@code pair}: CN the first host, every host as a DNS name. It
   * holds no secret; a CA signs the public key in it and the private key never leaves this folder.
   */
  static void writeRequest(Path file, KeyPair pair, List<String> hosts)
      throws IOException, GeneralSecurityException {
    JcaPKCS10CertificationRequestBuilder builder =
        new JcaPKCS10CertificationRequestBuilder(
            new X500Name("CN=" + hosts.get(0)), pair.getPublic());
    GeneralName[] names =
        hosts.stream()
            .map(host -> new GeneralName(GeneralName.dNSName, host))
            .toArray(GeneralName[]::new);
    ExtensionsGenerator extensions = new ExtensionsGenerator();
    extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
    builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(builder.build(signer(pair.getPrivate())));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(
          "cannot sign the certificate request: " + e.getMessage(), e);
    }
    AtomicFiles.write(
        file, text.toString().getBytes(StandardCharsets.US_ASCII), AtomicFiles.PUBLIC);
  }

  private static KeyPair rsa(int currentBits) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(Math.max(MIN_RSA_BITS, currentBits));
    return generator.generateKeyPair();
  }

  private static KeyPair ec(int orderBits) throws GeneralSecurityException {
    String curve =
        switch (orderBits) {
          case 384 -> "secp384r1";
          case 521 -> "secp521r1";
          default -> "secp256r1"; // P-256: what every DANE-capable MTA speaks (how-to)
        };
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec(curve));
    return generator.generateKeyPair();
  }

  private static org.bouncycastle.operator.ContentSigner signer(PrivateKey key)
      throws OperatorCreationException {
    String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    return new JcaContentSignerBuilder(algorithm).build(key);
  }

  /** {@code EC P-256}, {@code RSA 2048}: for the operator. */
  static String describe(PrivateKey key) {
    if (key instanceof RSAPrivateKey rsa) {
      return "RSA " + rsa.getModulus().bitLength();
    }
    if (key instanceof ECPrivateKey ec) {
      return "EC P-" + ec.getParams().getOrder().bitLength();
    }
    return key.getAlgorithm();
  }
}
