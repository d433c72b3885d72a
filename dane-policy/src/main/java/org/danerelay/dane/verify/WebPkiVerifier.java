package org.danerelay.dane.verify;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateParsingException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Judges a server's chain the way MTA-STS asks (RFC 8461 4.2): every certificate presented valid
 * now, a path from the leaf to a trusted root (PKIX, RFC 5280), a leaf fit for a TLS server, and a
 * leaf that names the MX host (RFC 6125, with the same name rules as DANE's: a wildcard only as the
 * whole leftmost label). A pure function of the chain, the roots and the time.
 *
 * <p>The path is built by the JDK's PKIX {@link CertPathBuilder} at the given time (so the
 * intermediates may come in any order, and a root the server sends along is ignored). The name is
 * the MX host name as the MX record gives it, never a CNAME target (RFC 8461 4.1).
 */
public final class WebPkiVerifier {

  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String ANY_USAGE = "2.5.29.37.0";

  private final Set<TrustAnchor> anchors;

  /**
   * @param trustedRoots the roots to trust, e.g. the JDK's default trust store's
   */
  public WebPkiVerifier(Collection<X509Certificate> trustedRoots) {
    this.anchors =
        trustedRoots.stream().map(root -> new TrustAnchor(root, null)).collect(Collectors.toSet());
    if (anchors.isEmpty()) {
      throw new IllegalArgumentException("no trusted roots");
    }
  }

  /** The verdict on {@code chain} (leaf first) for {@code hostName} at {@code now}. */
  public WebPkiVerdict verify(List<X509Certificate> chain, String hostName, Instant now) {
    if (chain.isEmpty()) {
      return refused(WebPkiFailure.VALIDATION_FAILURE, "the server sent no certificate");
    }
    X509Certificate leaf = chain.get(0);
    for (X509Certificate certificate : chain) {
      if (now.isAfter(certificate.getNotAfter().toInstant())) {
        return refused(
            WebPkiFailure.CERTIFICATE_EXPIRED,
            subject(certificate) + " expired " + certificate.getNotAfter().toInstant());
      }
    }
    String untrusted = pathProblem(chain, now);
    if (untrusted != null) {
      return refused(WebPkiFailure.CERTIFICATE_NOT_TRUSTED, untrusted);
    }
    if (!fitForServer(leaf)) {
      return refused(
          WebPkiFailure.CERTIFICATE_NOT_TRUSTED, subject(leaf) + " is not for TLS servers (EKU)");
    }
    if (LeafNameMatcher.match(leaf, List.of(hostName)).isEmpty()) {
      return refused(
          WebPkiFailure.CERTIFICATE_HOST_MISMATCH,
          "the certificate names " + LeafNameMatcher.presentedNames(leaf) + ", not " + hostName);
    }
    return new WebPkiVerdict.Authenticated(hostName);
  }

  /** Why no path leads from the leaf to a trusted root at {@code now}; null when one does. */
  private String pathProblem(List<X509Certificate> chain, Instant now) {
    try {
      X509CertSelector target = new X509CertSelector();
      target.setCertificate(chain.get(0));
      PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
      parameters.setRevocationEnabled(false); // RFC 8461 is silent; no CRL or OCSP fetches here
      parameters.setDate(Date.from(now));
      parameters.addCertStore(
          CertStore.getInstance("Collection", new CollectionCertStoreParameters(chain)));
      CertPathBuilder.getInstance("PKIX").build(parameters);
      return null;
    } catch (InvalidAlgorithmParameterException e) {
      return "bad trust settings: " + e.getMessage();
    } catch (GeneralSecurityException e) {
      return "no path to a trusted root: " + e.getMessage();
    }
  }

  /** RFC 5280 4.2.1.12: a leaf with extended key usages must allow serverAuth (or any). */
  private static boolean fitForServer(X509Certificate leaf) {
    try {
      List<String> usages = leaf.getExtendedKeyUsage();
      return usages == null || usages.contains(SERVER_AUTH) || usages.contains(ANY_USAGE);
    } catch (CertificateParsingException e) {
      return false;
    }
  }

  private static WebPkiVerdict refused(WebPkiFailure failure, String reason) {
    return new WebPkiVerdict.NotAuthenticated(failure, reason);
  }

  private static String subject(X509Certificate certificate) {
    return "certificate " + certificate.getSubjectX500Principal().getName();
  }
}
