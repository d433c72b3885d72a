package org.danerelay.dane.verify;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Mints root CA, intermediate CA and leaf certificates for tests, with Bouncy Castle; public for
 * the monitor's tests, which judge such chains.
 */
public final class TestPki {

  /** The test clock's "now"; certificates are valid around it unless a test says otherwise. */
  public static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  private static final AtomicLong SERIAL = new AtomicLong(1);

  /** A certificate with its key pair. */
  public record Issued(X509Certificate cert, KeyPair keys) {}

  /** A minted chain. */
  public record Chain(Issued root, Issued intermediate, Issued leaf) {
    /** What a server sends: leaf, intermediate, root. */
    public List<X509Certificate> presented() {
      return List.of(leaf.cert(), intermediate.cert(), root.cert());
    }

    /** What many servers send: leaf and intermediate, root omitted. */
    public List<X509Certificate> withoutRoot() {
      return List.of(leaf.cert(), intermediate.cert());
    }
  }

  private TestPki() {}

  public static KeyPair ecKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static KeyPair rsaKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fresh chain with default names: the leaf carries the DNS SANs given. */
  public static Chain chain(String... leafDnsNames) {
    return builder().sans(leafDnsNames).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Chooses what differs from a plain, valid chain. */
  public static final class Builder {
    private List<String> sans = new ArrayList<>();
    private String leafCn = "leaf";
    private Instant leafFrom = NOW.minus(Duration.ofDays(30));
    private Instant leafUntil = NOW.plus(Duration.ofDays(60));
    private Instant intermediateFrom = NOW.minus(Duration.ofDays(365));
    private Instant intermediateUntil = NOW.plus(Duration.ofDays(365));
    private boolean intermediateIsCa = true;
    private boolean rsaLeaf;

    public Builder sans(String... names) {
      sans = List.of(names);
      return this;
    }

    public Builder leafCn(String cn) {
      leafCn = cn;
      return this;
    }

    public Builder leafValidity(Instant from, Instant until) {
      leafFrom = from;
      leafUntil = until;
      return this;
    }

    public Builder intermediateValidity(Instant from, Instant until) {
      intermediateFrom = from;
      intermediateUntil = until;
      return this;
    }

    public Builder intermediateNotCa() {
      intermediateIsCa = false;
      return this;
    }

    public Builder rsaLeaf() {
      rsaLeaf = true;
      return this;
    }

    public Chain build() {
      KeyPair rootKeys = ecKey();
      X500Name rootName = new X500Name("CN=Test Root CA");
      Instant rootFrom = NOW.minus(Duration.ofDays(3650));
      Instant rootUntil = NOW.plus(Duration.ofDays(3650));
      X509Certificate root =
          sign(rootName, rootName, rootKeys, rootKeys, rootFrom, rootUntil, ca(1), List.of());
      KeyPair interKeys = ecKey();
      X500Name interName = new X500Name("CN=Test Issuing CA");
      X509Certificate inter =
          sign(
              rootName,
              interName,
              interKeys,
              rootKeys,
              intermediateFrom,
              intermediateUntil,
              intermediateIsCa ? ca(0) : endEntity(),
              List.of());
      KeyPair leafKeys = rsaLeaf ? rsaKey() : ecKey();
      X509Certificate leaf =
          sign(
              interName,
              new X500Name("CN=" + leafCn),
              leafKeys,
              interKeys,
              leafFrom,
              leafUntil,
              endEntity(),
              sans);
      return new Chain(
          new Issued(root, rootKeys), new Issued(inter, interKeys), new Issued(leaf, leafKeys));
    }
  }

  private record Constraints(BasicConstraints basic, KeyUsage usage) {}

  private static Constraints ca(int pathLen) {
    return new Constraints(
        new BasicConstraints(pathLen), new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
  }

  private static Constraints endEntity() {
    return new Constraints(
        new BasicConstraints(false),
        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
  }

  private static X509Certificate sign(
      X500Name issuer,
      X500Name subject,
      KeyPair subjectKeys,
      KeyPair issuerKeys,
      Instant from,
      Instant until,
      Constraints constraints,
      List<String> sans) {
    try {
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              issuer,
              BigInteger.valueOf(SERIAL.getAndIncrement()),
              Date.from(from),
              Date.from(until),
              subject,
              subjectKeys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, constraints.basic());
      builder.addExtension(Extension.keyUsage, true, constraints.usage());
      if (!sans.isEmpty()) {
        GeneralName[] names =
            sans.stream()
                .map(n -> new GeneralName(GeneralName.dNSName, n))
                .toArray(GeneralName[]::new);
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
      }
      String algorithm =
          issuerKeys.getPrivate().getAlgorithm().equals("RSA")
              ? "SHA256withRSA"
              : "SHA256withECDSA";
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKeys.getPrivate())));
    } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
