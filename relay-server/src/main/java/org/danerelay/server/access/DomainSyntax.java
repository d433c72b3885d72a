package org.danerelay.server.access;

import java.net.IDN;
import java.util.Locale;

/** Turns the domain of a path into its lower-case A-label form, or refuses it. */
final class DomainSyntax {

  /** RFC 5321 4.5.3.1.2: 255 octets on the wire, which is 253 characters of dotted text. */
  static final int MAX_LENGTH = 253;

  /** RFC 1035 2.3.4: at most 63 octets per label. */
  static final int MAX_LABEL = 63;

  private DomainSyntax() {}

  /**
   * Returns {@code domain} as lower-case A-labels.
   *
   * @param smtpUtf8 whether U-labels are allowed (RFC 6531 3.3); they must be valid IDNA
   */
  static String toAscii(String domain, boolean smtpUtf8, PathRole role) throws AddressRejection {
    // RFC 5321 4.1.3 address literals name a host, not a domain: they match no local domain, and
    // they have no MX or TLSA records, so RFC 7672 DANE could never protect the delivery.
    if (domain.startsWith("[")) {
      throw role.domain(550, "Address literals are not accepted");
    }
    // RFC 5321 4.1.2 Domain has no root dot; refuse rather than repair what the client meant.
    if (domain.endsWith(".")) {
      throw role.domain(501, "Trailing dot in domain is not accepted");
    }
    String[] labels = domain.split("\\.", -1);
    // RFC 5321 2.3.5: only fully-qualified names; a single label would meet resolver search lists.
    if (labels.length < 2) {
      throw role.badDomain();
    }
    StringBuilder ascii = new StringBuilder(domain.length());
    for (String label : labels) {
      if (ascii.length() > 0) {
        ascii.append('.');
      }
      ascii.append(labelToAscii(label, smtpUtf8, role));
    }
    if (ascii.length() > MAX_LENGTH) {
      throw role.domain(501, "Domain name too long");
    }
    // RFC 3696 2: a top-level label is never all-numeric, so 192.0.2.1 is not a domain name.
    if (labels[labels.length - 1].chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw role.badDomain();
    }
    return ascii.toString();
  }

  private static String labelToAscii(String label, boolean smtpUtf8, PathRole role)
      throws AddressRejection {
    if (label.chars().allMatch(c -> c < 0x80)) {
      if (!isLdh(label)) {
        throw role.badDomain();
      }
      return label.toLowerCase(Locale.ROOT); // RFC 5321 2.4: domains are case-insensitive
    }
    if (!smtpUtf8) {
      throw role.needsSmtpUtf8();
    }
    String aLabel;
    try {
      aLabel = IDN.toASCII(label, IDN.USE_STD3_ASCII_RULES);
    } catch (IllegalArgumentException e) {
      throw role.badDomain();
    }
    // A true U-label becomes an xn-- A-label. One that nameprep folds into plain ASCII (full-width
    // letters) or splits (U+3002 ideographic full stop) is a disguised name: refuse it.
    if (!aLabel.regionMatches(true, 0, "xn--", 0, 4) || !isLdh(aLabel)) {
      throw role.badDomain();
    }
    return aLabel.toLowerCase(Locale.ROOT);
  }

  /** RFC 5321 4.1.2 sub-domain: Let-dig [Ldh-str], at most 63 octets (RFC 1035 2.3.4). */
  private static boolean isLdh(String label) {
    if (label.isEmpty() || label.length() > MAX_LABEL) {
      return false;
    }
    if (label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
      return false;
    }
    return label
        .chars()
        .allMatch(
            c ->
                (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-');
  }
}
