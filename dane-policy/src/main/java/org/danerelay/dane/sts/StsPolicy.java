package org.danerelay.dane.sts;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A recipient domain's MTA-STS policy as fetched and parsed (RFC 8461 3.2), with the TXT {@code id}
 * it was fetched under.
 *
 * @param domain the policy domain, lower case, without trailing dot
 * @param id the {@code id} of the {@code _mta-sts} TXT record when the policy was fetched
 * @param mode enforce, testing or none
 * @param mx the {@code mx} patterns in policy order (none only in mode {@code none})
 * @param maxAge how long the policy may be cached, at most 31557600 seconds (RFC 8461 3.2)
 * @param text the policy body as served, for the cache and TLSRPT's {@code policy-string}
 */
public record StsPolicy(
    String domain, String id, StsMode mode, List<MxPattern> mx, Duration maxAge, String text) {

  /** RFC 8461 3.2: max_age is at most 31557600 seconds (about a year). */
  public static final Duration LONGEST_MAX_AGE = Duration.ofSeconds(31_557_600);

  public StsPolicy {
    Objects.requireNonNull(domain, "domain");
    domain = domain.toLowerCase(Locale.ROOT);
    if (domain.endsWith(".")) {
      domain = domain.substring(0, domain.length() - 1);
    }
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(mode, "mode");
    mx = List.copyOf(mx);
    Objects.requireNonNull(maxAge, "maxAge");
    Objects.requireNonNull(text, "text");
    if (maxAge.isNegative() || maxAge.compareTo(LONGEST_MAX_AGE) > 0) {
      throw new IllegalArgumentException("max_age out of range 0-31557600: " + maxAge);
    }
    if (mx.isEmpty() && mode != StsMode.NONE) {
      throw new IllegalArgumentException("an MTA-STS policy in mode " + mode + " needs mx lines");
    }
  }

  /** Whether an MX host is one this policy names (RFC 8461 4.1). */
  public boolean allows(String mxHost) {
    return mx.stream().anyMatch(pattern -> pattern.matches(mxHost));
  }

  /** {@code example.com id 20240101 mode enforce}, for logs and {@code dane lookup}. */
  public String describe() {
    return domain + " (MTA-STS " + mode + ", id " + id + ", max_age " + maxAge.toSeconds() + "s)";
  }
}
