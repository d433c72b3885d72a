package org.danerelay.dane.policy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.danerelay.dane.dns.DnsAnswer;
import org.danerelay.dane.dns.DnsLookup;
import org.danerelay.dane.dns.Security;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Looks up one host's IPv6 and IPv4 addresses and how secure they are (RFC 7672 2.2.1, 2.2.2),
 * following CNAMEs through the {@link DnsLookup}.
 */
final class AddressResolver {

  /** The host's addresses, or why it is skipped. */
  sealed interface Result permits Found, Skip {}

  /**
   * A host with at least one address.
   *
   * @param host the name asked for (the MX target or the next hop)
   * @param expanded the name at the end of its CNAME chain
   * @param addresses IPv6 first, then IPv4, each in DNS order
   * @param security the weakest status of both lookups and every CNAME link
   */
  record Found(Name host, Name expanded, List<InetAddress> addresses, Security security)
      implements Result {
    Found {
      addresses = List.copyOf(addresses);
    }

    /** Whether the host was reached through aliases. */
    boolean aliased() {
      return !expanded.equals(host);
    }
  }

  private final DnsLookup dns;

  AddressResolver(DnsLookup dns) {
    this.dns = dns;
  }

  Result resolve(Name host) {
    DnsAnswer v6 = dns.lookup(host, Type.AAAA);
    DnsAnswer v4 = dns.lookup(host, Type.A);
    // DANE-RULES 2: an address lookup that fails or is BOGUS skips the host, not the destination;
    // a failed family is never silently dropped, so the host is never judged on half its data.
    for (DnsAnswer answer : List.of(v6, v4)) {
      if (answer.isFailure()) {
        Skip.Trouble trouble =
            answer.security() == Security.BOGUS ? Skip.Trouble.DNSSEC : Skip.Trouble.DNS;
        return new Skip(
            PlanNames.text(host)
                + ": "
                + Type.string(answer.type())
                + " lookup failed ("
                + PlanNames.status(answer)
                + "): skipped",
            trouble);
      }
    }
    // Decision: IPv6 before IPv4, as Postfix does with smtp_address_preference = ipv6.
    List<InetAddress> addresses = new ArrayList<>();
    for (Record r : v6.records()) {
      if (r instanceof AAAARecord aaaa) {
        addresses.add(aaaa.getAddress());
      }
    }
    for (Record r : v4.records()) {
      if (r instanceof ARecord a) {
        addresses.add(a.getAddress());
      }
    }
    if (addresses.isEmpty()) {
      return new Skip(
          PlanNames.text(host) + ": no address records (" + v4.outcome() + "): skipped",
          Skip.Trouble.NO_ROUTE);
    }
    Name expanded = v6.records().isEmpty() ? v4.canonicalName() : v6.canonicalName();
    return new Found(host, expanded, addresses, v6.security().weakest(v4.security()));
  }
}
