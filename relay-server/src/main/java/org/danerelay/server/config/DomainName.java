package org.danerelay.server.config;

import java.util.Locale;

/**
 * Checks a DNS host or domain name and brings it to one spelling: lower case, no trailing dot.
 *
 * <p>Only letters, digits, hyphens and dots are allowed (RFC 1123 2.1 host names), so a name
 * compares equal however the operator capitalised it.
 */
final class DomainName {

  private static final int MAX_NAME = 253;
  private static final int MAX_LABEL = 63;

  private DomainName() {}

  /**
   * Returns the name in lower case without a trailing dot.
   *
   * @throws IllegalArgumentException with a reason fit for an error message
   */
  static String normalize(String text) {
    String name = text.strip().toLowerCase(Locale.ROOT);
    if (name.endsWith(".")) {
      // The root dot is how zone files write absolute names; it names the same domain.
      name = name.substring(0, name.length() - 1);
    }
    if (name.isEmpty() || name.length() > MAX_NAME) {
      throw new IllegalArgumentException("not a DNS name: '" + text + "' (1 to 253 characters)");
    }
    String[] labels = name.split("\\.", -1);
    for (String label : labels) {
      if (label.isEmpty() || label.length() > MAX_LABEL) {
        throw new IllegalArgumentException(
            "not a DNS name: '" + text + "' (each label 1 to 63 characters)");
      }
      if (!label.matches("[a-z0-9-]+") || label.startsWith("-") || label.endsWith("-")) {
        throw new IllegalArgumentException(
            "not a DNS name: '" + text + "' (letters, digits and inner hyphens only)");
      }
    }
    if (labels[labels.length - 1].matches("\\d+")) {
      // RFC 3696 2: a top-level label is never all digits, so this is an IP address or a typo.
      throw new IllegalArgumentException("not a DNS name: '" + text + "' (looks like an address)");
    }
    return name;
  }
}
