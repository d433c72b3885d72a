package org.danerelay.dane.verify;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Matches a leaf certificate's DNS names against the reference identifiers (RFC 7672 3.2.3, RFC
 * 6125 6.4).
 */
final class LeafNameMatcher {

  private static final int DNS_NAME = 2;

  private LeafNameMatcher() {}

  /** The first reference identifier that one of the leaf's names matches. */
  static Optional<String> match(X509Certificate leaf, List<String> referenceIdentifiers) {
    List<String> presented = presentedNames(leaf);
    for (String reference : referenceIdentifiers) {
      for (String name : presented) {
        if (matches(name, reference)) {
          return Optional.of(reference);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The DNS subjectAltNames; the subject CNs only when there is no DNS subjectAltName at all (RFC
   * 6125 6.4.4, RFC 7672 3.2.3).
   */
  static List<String> presentedNames(X509Certificate leaf) {
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> altNames = leaf.getSubjectAlternativeNames();
      if (altNames != null) {
        for (List<?> altName : altNames) {
          if (altName.size() >= 2
              && Integer.valueOf(DNS_NAME).equals(altName.get(0))
              && altName.get(1) instanceof String dns) {
            names.add(dns);
          }
        }
      }
    } catch (CertificateParsingException e) {
      return names; // an unparseable SAN extension offers no names
    }
    if (names.isEmpty()) {
      X500Name subject = X500Name.getInstance(leaf.getSubjectX500Principal().getEncoded());
      for (RDN rdn : subject.getRDNs(BCStyle.CN)) {
        names.add(IETFUtils.valueToString(rdn.getFirst().getValue()));
      }
    }
    return names;
  }

  /**
   * Whether a presented name matches a reference identifier: case-insensitive, trailing dots
   * ignored; a wildcard only as the complete leftmost label, standing for exactly one label, and
   * never in a name of fewer than three labels ({@code *.com}) (RFC 6125 6.4.3, RFC 7672 3.2.3).
   */
  static boolean matches(String presented, String reference) {
    String name = normalize(presented);
    String ref = normalize(reference);
    if (name.isEmpty() || ref.isEmpty() || ref.contains("*")) {
      return false;
    }
    if (!name.contains("*")) {
      return name.equals(ref);
    }
    if (!name.startsWith("*.") || name.indexOf('*', 1) >= 0) {
      return false; // partial-label wildcards (m*.example.com) and inner ones never match
    }
    String suffix = name.substring(1); // ".example.com"
    if (suffix.indexOf('.', 1) < 0) {
      return false; // *.com
    }
    int firstDot = ref.indexOf('.');
    return firstDot > 0 && ref.substring(firstDot).equals(suffix);
  }

  private static String normalize(String name) {
    String lower = name.strip().toLowerCase(Locale.ROOT);
    while (lower.endsWith(".")) {
      lower = lower.substring(0, lower.length() - 1);
    }
    return lower;
  }
}
