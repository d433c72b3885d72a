package org.danerelay.dane.dns;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Builds the relay's {@link DnsLookup} from its DNS settings: mode, resolvers, trust anchors. */
public final class DnsLookups {

  /** Answers kept by the cache in front of every lookup. */
  public static final int CACHE_ENTRIES = 10_000;

  /** How the DNSSEC status of an answer is known (RFC 7672 2.1: both are supported). */
  public enum Mode {
    /** Trust the AD bit of a validating resolver on a trusted path. */
    RESOLVER,
    /** Validate in process from trust anchors. */
    VALIDATE;

    /** The value of {@code dns.dnssec} that selects this mode. */
    public String configValue() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a {@code dns.dnssec} value: {@code resolver} or {@code validate}. */
    public static Mode fromConfig(String value) {
      for (Mode mode : values()) {
        if (mode.configValue().equals(value.trim().toLowerCase(Locale.ROOT))) {
          return mode;
        }
      }
      throw new IllegalArgumentException("dns.dnssec must be resolver or validate: " + value);
    }
  }

  private DnsLookups() {}

  /**
   * A caching lookup for {@code mode}.
   *
   * @param resolvers resolver IP addresses and ports, asked in order (never read from the system)
   * @param trustAnchors a file of DS or DNSKEY lines; required for {@link Mode#VALIDATE}
   * @param timeout how long to wait for one resolver's answer
   * @param clock for cache expiry and signature validity
   * @throws IOException when the trust anchor file cannot be read or holds no anchor
   */
  public static DnsLookup create(
      List<InetSocketAddress> resolvers,
      Mode mode,
      Optional<Path> trustAnchors,
      Duration timeout,
      Clock clock)
      throws IOException {
    DnsLookup lookup;
    switch (mode) {
      case RESOLVER:
        lookup = new ResolverDnsLookup(resolvers, timeout);
        break;
      case VALIDATE:
        Path anchors =
            trustAnchors.orElseThrow(
                () -> new IllegalArgumentException("dns.dnssec=validate needs trust anchors"));
        try (InputStream in = Files.newInputStream(anchors)) {
          lookup = new ValidatingDnsLookup(resolvers, in, timeout, clock);
        }
        break;
      default:
        throw new IllegalArgumentException("unknown mode " + mode);
    }
    return new CachingDnsLookup(lookup, CACHE_ENTRIES, clock);
  }
}
