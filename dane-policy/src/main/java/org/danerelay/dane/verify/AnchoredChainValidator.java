package org.danerelay.dane.verify;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates the path from a DANE-TA trust anchor down to the leaf (RFC 7672 3.1.2, RFC 7671 5.2):
 * signatures, validity periods, CA basic constraints and path lengths, with the JDK's PKIX
 * validator and revocation off.
 */
final class AnchoredChainValidator {

  /**
   * The result of one validation.
   *
   * @param depth the depth to report for the anchor (see {@link DaneVerdict.Authenticated})
   * @param failure why the path does not validate, or null when it does
   */
  record Result(int depth, String failure) {
    boolean valid() {
      return failure == null;
    }
  }

  private AnchoredChainValidator() {}

  static Result validate(List<X509Certificate> chain, TrustAnchorCandidate anchor, Instant now) {
    List<X509Certificate> path = new ArrayList<>();
    Set<Integer> used = new HashSet<>();
    X509Certificate current = chain.get(0);
    path.add(current);
    used.add(0);
    int top = 0;
    // Walk up from the leaf through presented certificates, in whatever order they were sent
    // (TLS 1.3 allows any order, RFC 8446 4.4.2), until the anchor's key signed the current one.
    while (!issuedByAnchor(current, anchor)) {
      int next = findIssuer(chain, current, used, anchor.presentedDepth());
      if (next < 0) {
        return new Result(
            0,
            "no path from the leaf to the trust anchor: nothing presented or published issued "
                + current.getSubjectX500Principal().getName());
      }
      current = chain.get(next);
      path.add(current);
      used.add(next);
      top = next;
    }
    int depth = anchor.fromDns() ? top + 1 : anchor.presentedDepth();
    String anchorProblem = checkAnchorCertificate(anchor.certificate(), path.size() - 1, now);
    if (anchorProblem != null) {
      return new Result(depth, anchorProblem);
    }
    return new Result(depth, pkix(path, anchor, current, now));
  }

  private static boolean issuedByAnchor(X509Certificate cert, TrustAnchorCandidate anchor) {
    X509Certificate anchorCert = anchor.certificate();
    if (anchorCert != null
        && !anchorCert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
      return false;
    }
    return signedBy(cert, anchor.key());
  }

  private static int findIssuer(
      List<X509Certificate> chain, X509Certificate cert, Set<Integer> used, int anchorDepth) {
    for (int i = 1; i < chain.size(); i++) {
      X509Certificate candidate = chain.get(i);
      if (!used.contains(i)
          && i != anchorDepth
          && candidate.getSubjectX500Principal().equals(cert.getIssuerX500Principal())
          && signedBy(cert, candidate.getPublicKey())) {
        return i;
      }
    }
    return -1;
  }

  private static boolean signedBy(X509Certificate cert, PublicKey key) {
    try {
      cert.verify(key);
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /**
   * The JDK's PKIX validator treats a trust anchor as bare name and key (RFC 5280 6.1.1) and so
   * ignores the anchor certificate's own validity and constraints. Like OpenSSL, which DANE
   * deployments are tested against, we also hold a certificate anchor to its validity period, its
   * CA flag and its path length constraint.
   */
  private static String checkAnchorCertificate(
      X509Certificate anchor, int belowAnchor, Instant now) {
    if (anchor == null) {
      return null; // a bare key (2 1 0) carries no dates or constraints
    }
    try {
      anchor.checkValidity(Date.from(now));
    } catch (GeneralSecurityException e) {
      return "trust anchor "
          + anchor.getSubjectX500Principal().getName()
          + " is not valid at "
          + now
          + ": "
          + e.getMessage();
    }
    int pathLen = anchor.getBasicConstraints();
    if (anchor.getVersion() >= 3 && pathLen < 0) {
      return "trust anchor "
          + anchor.getSubjectX500Principal().getName()
          + " is not a CA certificate";
    }
    int intermediates = belowAnchor - 1;
    if (pathLen >= 0 && intermediates > pathLen) {
      return "trust anchor "
          + anchor.getSubjectX500Principal().getName()
          + " allows "
          + pathLen
          + " intermediate CA(s) below it, the path has "
          + intermediates;
    }
    return null;
  }

  private static String pkix(
      List<X509Certificate> path, TrustAnchorCandidate anchor, X509Certificate top, Instant now) {
    TrustAnchor trustAnchor =
        anchor.certificate() != null
            ? new TrustAnchor(anchor.certificate(), null)
            : new TrustAnchor(top.getIssuerX500Principal(), anchor.key(), null);
    try {
      PKIXParameters parameters = new PKIXParameters(Set.of(trustAnchor));
      // Off: the DNSSEC-signed TLSA RRset, not CRLs or OCSP, says what to trust here.
      parameters.setRevocationEnabled(false);
      parameters.setDate(Date.from(now));
      CertPathValidator.getInstance("PKIX")
          .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
      return null;
    } catch (CertPathValidatorException e) {
      String where =
          e.getIndex() >= 0 && e.getIndex() < path.size()
              ? " (" + path.get(e.getIndex()).getSubjectX500Principal().getName() + ")"
              : "";
      return describe(e) + where;
    } catch (GeneralSecurityException e) {
      return describe(e);
    }
  }

  private static String describe(Throwable e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
        text.append(": ").append(cause.getMessage());
      }
    }
    return text.toString();
  }
}
