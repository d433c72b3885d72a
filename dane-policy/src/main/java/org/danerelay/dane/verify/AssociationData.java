package org.danerelay.dane.verify;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.danerelay.dane.tlsa.TlsaRecord;

/** Computes a certificate's TLSA association data and compares it with a record (RFC 6698 2.1). */
final class AssociationData {

  private AssociationData() {}

  /** Whether {@code record}'s selector and matching type applied to {@code cert} give its data. */
  static boolean matches(TlsaRecord record, X509Certificate cert) {
    return selected(cert, record.selector())
        .map(bytes -> MessageDigest.isEqual(digest(bytes, record.matchingType()), record.data()))
        .orElse(false);
  }

  /**
   * The bytes a selector picks (RFC 6698 2.1.2): 0 the whole certificate DER, 1 its
   * SubjectPublicKeyInfo DER, taken from the certificate itself rather than re-encoded from a
   * parsed key. Empty when the certificate cannot be encoded, which then matches nothing.
   */
  static Optional<byte[]> selected(X509Certificate cert, int selector) {
    try {
      byte[] der = cert.getEncoded();
      return switch (selector) {
        case TlsaRecord.SELECTOR_CERT -> Optional.of(der);
        case TlsaRecord.SELECTOR_SPKI -> Optional.of(subjectPublicKeyInfo(der));
        default -> Optional.empty();
      };
    } catch (CertificateEncodingException | IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The SubjectPublicKeyInfo element of a certificate's DER, read from the raw ASN.1 so that
   * certificates a strict parser would refuse (an empty issuer name, as in OpenSSL's anonymous
   * DANE-EE test leaves) still yield their key: DANE-EE asks nothing else of the certificate.
   */
  private static byte[] subjectPublicKeyInfo(byte[] der) throws IOException {
    ASN1Sequence tbs = ASN1Sequence.getInstance(ASN1Sequence.getInstance(der).getObjectAt(0));
    // TBSCertificate: [0] version (optional), serial, signature, issuer, validity, subject, spki
    int spki = (tbs.getObjectAt(0) instanceof ASN1TaggedObject ? 1 : 0) + 5;
    return tbs.getObjectAt(spki).toASN1Primitive().getEncoded(ASN1Encoding.DER);
  }

  /** RFC 6698 2.1.3: 0 the bytes themselves, 1 SHA-256, 2 SHA-512. */
  static byte[] digest(byte[] bytes, int matchingType) {
    String algorithm =
        switch (matchingType) {
          case TlsaRecord.MATCH_FULL -> null;
          case TlsaRecord.MATCH_SHA256 -> "SHA-256";
          case TlsaRecord.MATCH_SHA512 -> "SHA-512";
          default ->
              throw new IllegalArgumentException("unsupported matching type " + matchingType);
        };
    if (algorithm == null) {
      return bytes;
    }
    try {
      return MessageDigest.getInstance(algorithm).digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has " + algorithm, e);
    }
  }
}
