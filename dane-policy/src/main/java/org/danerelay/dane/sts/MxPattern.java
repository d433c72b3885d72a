package org.danerelay.dane.sts;

import java.util.Locale;
import java.util.Objects;

/**
 * One {@code mx} line of an MTA-STS policy: a host name, or {@code *.} and a domain, which matches
 * any name exactly one label below that domain (RFC 8461 4.1). Compared without case or a trailing
 * dot.
 *
 * @param text the pattern as the policy writes it, lower case, without trailing dot
 */
public record MxPattern(String text) {

  public MxPattern {
    Objects.requireNonNull(text, "text");
    text = normalize(text);
    String name = text.startsWith("*.") ? text.substring(2) : text;
    if (name.isEmpty() || name.contains("*") || name.startsWith(".") || name.contains("..")) {
      throw new IllegalArgumentException("not an MTA-STS mx pattern: '" + text + "'");
    }
  }

  /** Whether an MX host name matches: equal, or one label under a {@code *.} pattern's domain. */
  public boolean matches(String host) {
    String name = normalize(host);
    if (!text.startsWith("*.")) {
      return name.equals(text);
    }
    String parent = text.substring(1); // ".example.com"
    if (!name.endsWith(parent)) {
      return false;
    }
    String label = name.substring(0, name.length() - parent.length());
    return !label.isEmpty() && !label.contains("."); // RFC 8461 4.1: exactly one label
  }

  private static String normalize(String name) {
    String lower = name.strip().toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  @Override
  public String toString() {
    return text;
  }
}
