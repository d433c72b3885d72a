package org.danerelay.dane.verify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.danerelay.dane.tlsa.TlsaRecord;

/** Lists the DANE-TA(2) trust anchors that a record set designates for one presented chain. */
final class TrustAnchorFinder {

  private TrustAnchorFinder() {}

  /**
   * Anchors in the order to try them: presented certificates from depth 1 upwards (the nearest
   * anchor wins, as in OpenSSL), then full records whose certificate or key was not presented.
   *
   * <p>The leaf (depth 0) is never its own trust anchor: a trust anchor is an issuer, and a usage-2
   * record that matches only the leaf authenticates nothing (OpenSSL checks usage 2 only at depth 1
   * and above; a server that wants its leaf pinned publishes usage 3).
   */
  static List<TrustAnchorCandidate> find(List<TlsaRecord> usable, List<X509Certificate> chain) {
    List<TlsaRecord> taRecords =
        usable.stream().filter(r -> r.usage() == TlsaRecord.DANE_TA).toList();
    List<TrustAnchorCandidate> anchors = new ArrayList<>();
    List<TlsaRecord> matchedPresented = new ArrayList<>();
    for (int depth = 1; depth < chain.size(); depth++) {
      X509Certificate cert = chain.get(depth);
      for (TlsaRecord record : taRecords) {
        if (AssociationData.matches(record, cert)) {
          anchors.add(new TrustAnchorCandidate(record, cert, cert.getPublicKey(), depth));
          matchedPresented.add(record);
        }
      }
    }
    X509Certificate leaf = chain.get(0);
    for (TlsaRecord record : taRecords) {
      // RFC 7671 5.2.2: clients MUST accept a full 2 0 0 / 2 1 0 anchor the server omits.
      if (record.matchingType() != TlsaRecord.MATCH_FULL
          || matchedPresented.contains(record)
          || AssociationData.matches(record, leaf)) {
        continue;
      }
      fromRecord(record).ifPresent(anchors::add);
    }
    return anchors;
  }

  /** Whether some DANE-TA record matches the leaf: worth saying when nothing else matched. */
  static boolean matchesLeafOnly(List<TlsaRecord> usable, X509Certificate leaf) {
    return usable.stream()
        .anyMatch(r -> r.usage() == TlsaRecord.DANE_TA && AssociationData.matches(r, leaf));
  }

  /** A full record's certificate or key; empty when its data does not parse (unusable). */
  private static Optional<TrustAnchorCandidate> fromRecord(TlsaRecord record) {
    byte[] data = record.data();
    try {
      if (record.selector() == TlsaRecord.SELECTOR_CERT) {
        X509Certificate cert =
            (X509Certificate)
                CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(data));
        if (!Arrays.equals(cert.getEncoded(), data)) {
          return Optional.empty(); // trailing bytes: not exactly one certificate
        }
        return Optional.of(new TrustAnchorCandidate(record, cert, cert.getPublicKey(), -1));
      }
      SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(data);
      PublicKey key = new JcaPEMKeyConverter().getPublicKey(info);
      return Optional.of(new TrustAnchorCandidate(record, null, key, -1));
    } catch (CertificateException | IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
