package org.danerelay.dane.publish;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.Certificate;
import org.danerelay.dane.tlsa.TlsaRecord;

/**
 * Computes the TLSA record that matches a certificate or key (RFC 6698 2.1), the way the
 * internet.nl how-to does with {@code openssl x509 -pubkey | openssl pkey -pubin -outform DER |
 * openssl sha256}.
 *
 * <p>Pure: no files, no clock. Selector 0 is the certificate's DER, selector 1 the DER
 * SubjectPublicKeyInfo; matching type 0 is the selected bytes, 1 their SHA-256, 2 their SHA-512.
 */
public final class TlsaGenerator {

  private TlsaGenerator() {}

  /** The record for {@code certificate} with the given usage, selector and matching type. */
  public static TlsaRecord forCertificate(
      X509Certificate certificate, int usage, int selector, int matchingType) {
    byte[] selected =
        switch (selector) {
          case TlsaRecord.SELECTOR_CERT -> der(certificate);
          case TlsaRecord.SELECTOR_SPKI -> subjectPublicKeyInfo(certificate);
          default -> throw badSelector(selector);
        };
    return new TlsaRecord(usage, selector, matchingType, match(selected, matchingType));
  }

  /** The selector 1 record for a public key: a bare key has no certificate to hash. */
  public static TlsaRecord forPublicKey(PublicKey key, int usage, int matchingType) {
    return forSubjectPublicKeyInfo(key.getEncoded(), usage, matchingType);
  }

  /**
   * The selector 1 record for the public half of {@code key}, derived from it (RSA, EC, Ed25519,
   * Ed448): the current + next rollover pre-publishes a key that has no certificate yet (RFC 7671
   * 8.1).
   *
   * @throws IllegalArgumentException when the key type does not allow deriving its public key
   */
  public static TlsaRecord forPrivateKey(PrivateKey key, int usage, int matchingType) {
    return forSubjectPublicKeyInfo(
        PublicKeyDerivation.subjectPublicKeyInfo(key), usage, matchingType);
  }

  /** The selector 1 record for DER SubjectPublicKeyInfo bytes. */
  public static TlsaRecord forSubjectPublicKeyInfo(byte[] spki, int usage, int matchingType) {
    return new TlsaRecord(usage, TlsaRecord.SELECTOR_SPKI, matchingType, match(spki, matchingType));
  }

  /**
   * The DER SubjectPublicKeyInfo exactly as the certificate carries it. Taken from the certificate
   * bytes, not re-encoded from the JCA key, so that provider quirks cannot change the digest.
   */
  public static byte[] subjectPublicKeyInfo(X509Certificate certificate) {
    try {
      return Certificate.getInstance(der(certificate))
          .getSubjectPublicKeyInfo()
          .getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot encode the certificate's public key", e);
    }
  }

  /**
   * The association data for {@code selected} under a matching type (RFC 6698 2.1.3).
   *
   * @throws IllegalArgumentException for a matching type other than 0, 1 or 2
   */
  public static byte[] match(byte[] selected, int matchingType) {
    return switch (matchingType) {
      case TlsaRecord.MATCH_FULL -> selected.clone();
      case TlsaRecord.MATCH_SHA256 -> digest("SHA-256", selected);
      case TlsaRecord.MATCH_SHA512 -> digest("SHA-512", selected);
      default ->
          throw new IllegalArgumentException(
              "matching type must be 0 (full), 1 (SHA-256) or 2 (SHA-512), got " + matchingType);
    };
  }

  private static byte[] der(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("cannot encode the certificate", e);
    }
  }

  private static byte[] digest(String algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(algorithm).digest(data);
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256 and SHA-512 (MessageDigest Javadoc).
      throw new IllegalStateException(algorithm + " missing from this Java runtime", e);
    }
  }

  private static IllegalArgumentException badSelector(int selector) {
    return new IllegalArgumentException(
        "selector must be 0 (full certificate) or 1 (SubjectPublicKeyInfo), got " + selector);
  }
}
