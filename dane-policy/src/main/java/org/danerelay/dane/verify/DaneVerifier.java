package org.danerelay.dane.verify;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.danerelay.dane.tlsa.TlsaRecord;
import org.danerelay.dane.verify.DaneVerdict.Authenticated;
import org.danerelay.dane.verify.DaneVerdict.NotAuthenticated;

/**
 * Decides whether a server's certificate chain is DANE-authenticated by a TLSA record set (RFC 7672
 * 3.1-3.2, RFC 7671): a pure function of the chain, the records, the reference identifiers and the
 * time.
 *
 * <p>Order: records are filtered to the usable ones after digest agility; a DANE-EE(3) match of the
 * leaf wins at once; otherwise each DANE-TA(2) anchor is tried, nearest first, and the first whose
 * path to the leaf validates decides, subject to the leaf's names.
 */
public final class DaneVerifier {

  /**
   * Authenticates {@code presentedChain} against {@code records}.
   *
   * @param presentedChain the certificates as the server sent them, leaf first
   * @param records the TLSA RRset; unusable records are ignored
   * @param referenceIdentifiers names the leaf must carry under DANE-TA (RFC 7672 3.2.2): the TLSA
   *     base domain, the MX host name, the next-hop domain
   * @param now the time at which DANE-TA paths must be valid
   */
  public DaneVerdict verify(
      List<X509Certificate> presentedChain,
      List<TlsaRecord> records,
      List<String> referenceIdentifiers,
      Instant now) {
    List<X509Certificate> chain = List.copyOf(presentedChain);
    List<String> references = List.copyOf(referenceIdentifiers);
    Objects.requireNonNull(now, "now");
    List<TlsaRecord> usable = UsableRecords.select(records);
    if (usable.isEmpty()) {
      return new NotAuthenticated("no usable TLSA records");
    }
    if (chain.isEmpty()) {
      return new NotAuthenticated("the server presented no certificate");
    }
    X509Certificate leaf = chain.get(0);
    // RFC 7672 3.1.1: DANE-EE matches the leaf alone; no name checks, no validity dates.
    for (TlsaRecord record : usable) {
      if (record.usage() == TlsaRecord.DANE_EE && AssociationData.matches(record, leaf)) {
        String what = record.selector() == TlsaRecord.SELECTOR_SPKI ? "public key" : "certificate";
        return new Authenticated(record, 0, "DANE-EE leaf " + what);
      }
    }
    List<TrustAnchorCandidate> anchors = TrustAnchorFinder.find(usable, chain);
    if (anchors.isEmpty()) {
      return new NotAuthenticated(
          TrustAnchorFinder.matchesLeafOnly(usable, leaf)
              ? "no TLSA record matches the chain (a DANE-TA record matches only the leaf,"
                  + " which cannot be its own trust anchor)"
              : "no TLSA record matches the chain");
    }
    String firstFailure = null;
    for (TrustAnchorCandidate anchor : anchors) {
      AnchoredChainValidator.Result path = AnchoredChainValidator.validate(chain, anchor, now);
      if (path.valid()) {
        return checkNames(leaf, references, anchor, path.depth());
      }
      if (firstFailure == null) {
        firstFailure = path.failure() + " [anchor " + anchor.record().shortForm() + "]";
      }
    }
    return new NotAuthenticated("chain from the DANE-TA anchor fails: " + firstFailure);
  }

  /** RFC 7672 3.2.2-3.2.3: under DANE-TA the leaf must carry a reference identifier. */
  private static DaneVerdict checkNames(
      X509Certificate leaf, List<String> references, TrustAnchorCandidate anchor, int depth) {
    Optional<String> name = LeafNameMatcher.match(leaf, references);
    if (name.isEmpty()) {
      return new NotAuthenticated(
          "leaf name matches none of "
              + references
              + " (certificate names: "
              + LeafNameMatcher.presentedNames(leaf)
              + ")");
    }
    return new Authenticated(anchor.record(), depth, anchor.describe() + ", name " + name.get());
  }
}
