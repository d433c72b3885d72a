package org.danerelay.server.outbound;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.danerelay.dane.dns.DnsLookup;
import org.danerelay.dane.dns.DnsLookups;
import org.danerelay.dane.dns.DnssecSelfCheck;
import org.danerelay.dane.dns.ResolvConf;
import org.danerelay.server.config.DnsConfig;
import org.danerelay.server.config.HostPort;

/**
 * The DNS the relay delivers with, built from the {@code dns.*} keys: which resolvers, which DNSSEC
 * mode, and the start-up check that the mode really yields SECURE answers.
 */
public final class OutboundDns {

  private static final Path RESOLV_CONF = Path.of("/etc/resolv.conf");

  private final DnsLookup lookup;
  private final DnsLookups.Mode mode;
  private final List<InetSocketAddress> resolvers;

  private OutboundDns(DnsLookup lookup, DnsLookups.Mode mode, List<InetSocketAddress> resolvers) {
    this.lookup = lookup;
    this.mode = mode;
    this.resolvers = resolvers;
  }

  /**
   * Builds the lookup; {@code dns.resolvers} empty means the nameservers of /etc/resolv.conf.
   *
   * @throws IOException when /etc/resolv.conf or the trust anchors cannot be read
   */
  public static OutboundDns create(DnsConfig config, Clock clock) throws IOException {
    List<InetSocketAddress> resolvers =
        config.resolvers().isEmpty()
            ? ResolvConf.nameservers(RESOLV_CONF)
            : config.resolvers().stream().map(HostPort::toSocketAddress).toList();
    if (resolvers.isEmpty()) {
      throw new IOException("no resolvers: dns.resolvers is empty and /etc/resolv.conf names none");
    }
    DnsLookups.Mode mode = DnsLookups.Mode.fromConfig(config.mode());
    Optional<Path> anchors =
        config.validates() ? Optional.of(config.trustAnchors()) : Optional.empty();
    DnsLookup lookup = DnsLookups.create(resolvers, mode, anchors, config.timeout(), clock);
    return new OutboundDns(lookup, mode, resolvers);
  }

  /** The lookup, cached, with DNSSEC status on every answer. */
  public DnsLookup lookup() {
    return lookup;
  }

  /** Whether signed data comes back SECURE in this setup (RFC 7672 2.1; DANE-RULES 1). */
  public DnssecSelfCheck.Result selfCheck() {
    return new DnssecSelfCheck(lookup, mode, resolvers).checkRoot();
  }

  /** {@code validate via 127.0.0.1:53}, for logs and the command line. */
  public String describe() {
    return mode.configValue()
        + " via "
        + String.join(
            ", ",
            resolvers.stream()
                .map(r -> r.getAddress().getHostAddress() + ":" + r.getPort())
                .toList());
  }
}
