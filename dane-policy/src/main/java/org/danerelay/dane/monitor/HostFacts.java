package org.danerelay.dane.monitor;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.danerelay.dane.dns.Security;
import org.xbill.DNS.Name;

/**
 * What DNS says about one MX host: its addresses, its TLSA records, how secure each lookup was, and
 * the checks that already failed on DNS alone.
 *
 * @param host the host as the MX record names it (the domain itself for an implicit MX)
 * @param expanded the name at the end of its CNAME chain
 * @param addresses IPv6 first, then IPv4
 * @param addressSecurity the weakest status of the AAAA and A lookups
 * @param tlsa the secure TLSA RRset; empty when there is none
 * @param tlsaSecurity the status of the last TLSA lookup made; empty when none was made
 * @param referenceIdentifiers the names a DANE-TA leaf may carry (RFC 7672 3.2.2)
 * @param findings DNS checks that failed for this host
 */
public record HostFacts(
    Name host,
    Name expanded,
    List<InetAddress> addresses,
    Security addressSecurity,
    Optional<TlsaFacts> tlsa,
    Optional<Security> tlsaSecurity,
    List<String> referenceIdentifiers,
    List<Finding> findings) {

  public HostFacts {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(expanded, "expanded");
    addresses = List.copyOf(addresses);
    Objects.requireNonNull(addressSecurity, "addressSecurity");
    Objects.requireNonNull(tlsa, "tlsa");
    Objects.requireNonNull(tlsaSecurity, "tlsaSecurity");
    referenceIdentifiers = List.copyOf(referenceIdentifiers);
    findings = List.copyOf(findings);
  }

  /** The name to send as SNI: the TLSA base domain, else the host (DANE-RULES 5). */
  public String serverName() {
    return DnsText.name(tlsa.map(TlsaFacts::base).orElse(host));
  }
}
