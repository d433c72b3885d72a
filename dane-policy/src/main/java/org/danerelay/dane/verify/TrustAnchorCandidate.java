package org.danerelay.dane.verify;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import org.danerelay.dane.tlsa.TlsaRecord;

/**
 * One DANE-TA(2) trust anchor to try: a presented issuer certificate that a record matches, or a
 * certificate or bare key carried in full by the record itself (RFC 7671 5.2.2).
 *
 * @param record the record that designates the anchor
 * @param certificate the anchor certificate, or null for a bare public key ({@code 2 1 0})
 * @param key the anchor's public key
 * @param presentedDepth its depth in the presented chain, or -1 when it came from DNS only
 */
record TrustAnchorCandidate(
    TlsaRecord record, X509Certificate certificate, PublicKey key, int presentedDepth) {

  boolean fromDns() {
    return presentedDepth < 0;
  }

  /** For {@code how}: what the record designated, and where it came from. */
  String describe() {
    String what = certificate == null ? "public key" : "certificate";
    return fromDns()
        ? "DANE-TA trust anchor " + what + " from DNS, not sent by the server"
        : "DANE-TA trust anchor " + what;
  }
}
