package org.danerelay.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the relay asks DNS, and how it knows an answer is DNSSEC-secure.
 *
 * @param resolvers {@code dns.resolvers}; empty means the nameservers of /etc/resolv.conf
 * @param mode {@code dns.dnssec}: {@code resolver} trusts the AD bit, {@code validate} validates
 * @param trustAnchors {@code dns.trust-anchors}, absolute: DS or DNSKEY lines for {@code validate}
 * @param timeout {@code dns.timeout}: per query and resolver
 */
public record DnsConfig(
    List<HostPort> resolvers, String mode, Path trustAnchors, Duration timeout) {

  public static final List<String> MODES = List.of("resolver", "validate");

  public DnsConfig {
    resolvers = List.copyOf(resolvers);
    if (!MODES.contains(mode)) {
      throw new IllegalArgumentException("dns mode must be one of " + MODES + ": " + mode);
    }
    Objects.requireNonNull(trustAnchors, "trustAnchors");
    Objects.requireNonNull(timeout, "timeout");
  }

  /** True for {@code dns.dnssec = validate}. */
  public boolean validates() {
    return mode.equals("validate");
  }
}
