package org.danerelay.dane.policy;

import java.net.InetAddress;
import java.util.Objects;
import org.xbill.DNS.Name;

/**
 * One connection to try: a host's address and port, and the TLS that connection must achieve.
 *
 * @param mxHost the host as the MX record (or the next hop) names it
 * @param expandedHost the name at the end of its CNAME chain ({@code mxHost} without aliases)
 * @param address the address to connect to
 * @param port the TCP port
 * @param requirement the TLS the connection must achieve
 * @param dnssecMx true when the MX lookup (if any) and the host's address lookups were all SECURE,
 *     so the delivery log may say "(DNSSEC)" (DANE-RULES 7); false for a host reached through an
 *     insecure MX RRset even when DANE applies to it (DANE-RULES 2)
 */
public record Attempt(
    Name mxHost,
    Name expandedHost,
    InetAddress address,
    int port,
    TlsRequirement requirement,
    boolean dnssecMx) {

  public Attempt {
    Objects.requireNonNull(mxHost, "mxHost");
    Objects.requireNonNull(expandedHost, "expandedHost");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(requirement, "requirement");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range 1-65535: " + port);
    }
  }

  @Override
  public String toString() {
    return PlanDescription.line(this);
  }
}
