package org.danerelay.dane.monitor;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.danerelay.dane.authority.AuthoritySurvey;
import org.danerelay.dane.dns.DnsAnswer;
import org.danerelay.dane.dns.DnsLookup;
import org.danerelay.dane.dns.Outcome;
import org.danerelay.dane.dns.Security;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Reads a mail domain's MX, address and TLSA records as a DANE sender would (RFC 7672 2.2), but
 * keeps every fact and every failed check instead of deciding a delivery: the DNS half of {@code
 * dane check}.
 */
public final class DnsSurveyor {

  private final DnsLookup dns;
  private final TlsaSurveyor tlsa;

  /**
   * @param dns the recursive lookup with DNSSEC status ({@code dns.*})
   * @param authority asks each authoritative server of a TLSA zone directly
   * @param port the SMTP port, which names the TLSA records: {@code _port._tcp.host}
   */
  public DnsSurveyor(DnsLookup dns, AuthoritySurvey authority, int port) {
    this.dns = dns;
    this.tlsa = new TlsaSurveyor(dns, authority, port);
  }

  public DomainFacts survey(Name domain) {
    DnsAnswer mx = dns.lookup(domain, Type.MX);
    List<Finding> findings = new ArrayList<>();
    List<Name> hosts = hosts(domain, mx, findings);
    if (!hosts.isEmpty() && mx.security() != Security.SECURE) {
      findings.add(
          new Finding(
              Check.MX_DNSSEC,
              "the MX lookup for "
                  + DnsText.name(domain)
                  + " is "
                  + DnsText.security(mx.security())
                  + ": senders may skip DANE for its hosts (RFC 7672 2.2.1)"));
    }
    List<HostFacts> facts = new ArrayList<>();
    for (Name host : hosts) {
      facts.add(host(host, domain));
    }
    return new DomainFacts(domain, mx.security(), facts, findings);
  }

  private static List<Name> hosts(Name domain, DnsAnswer mx, List<Finding> findings) {
    String d = DnsText.name(domain);
    if (mx.isFailure()) {
      findings.add(
          new Finding(
              Check.MX_LOOKUP,
              "MX lookup for " + d + " failed (" + DnsText.status(mx) + "): all mail defers"));
      return List.of();
    }
    if (mx.outcome() == Outcome.NXDOMAIN) {
      findings.add(new Finding(Check.MX_HOSTS, d + " does not exist (NXDOMAIN)"));
      return List.of();
    }
    if (mx.outcome() == Outcome.NODATA) {
      return List.of(domain); // RFC 5321 5.1: no MX records, the domain is its own mail host
    }
    Set<Name> ordered = new LinkedHashSet<>();
    mx.records().stream()
        .filter(MXRecord.class::isInstance)
        .map(MXRecord.class::cast)
        .sorted(Comparator.comparingInt(MXRecord::getPriority))
        .map(MXRecord::getTarget)
        .filter(target -> !target.equals(Name.root)) // RFC 7505: null MX names no host
        .forEach(target -> ordered.add(target.canonicalize()));
    if (ordered.isEmpty()) {
      findings.add(
          new Finding(Check.MX_HOSTS, d + " has a null MX: it accepts no mail (RFC 7505)"));
    }
    return List.copyOf(ordered);
  }

  private HostFacts host(Name host, Name domain) {
    List<Finding> findings = new ArrayList<>();
    DnsAnswer v6 = dns.lookup(host, Type.AAAA);
    DnsAnswer v4 = dns.lookup(host, Type.A);
    List<InetAddress> addresses = new ArrayList<>();
    for (DnsAnswer answer : List.of(v6, v4)) {
      if (answer.isFailure()) {
        findings.add(
            new Finding(
                Check.ADDRESS_LOOKUP,
                Type.string(answer.type())
                    + " lookup for "
                    + DnsText.name(host)
                    + " failed ("
                    + DnsText.status(answer)
                    + "): senders skip the host"));
      }
      for (Record r : answer.records()) {
        addresses.add(
            r instanceof AAAARecord aaaa ? aaaa.getAddress() : ((ARecord) r).getAddress());
      }
    }
    Security security = v6.security().weakest(v4.security());
    if (addresses.isEmpty() && findings.isEmpty()) {
      findings.add(new Finding(Check.ADDRESS_LOOKUP, DnsText.name(host) + " has no address"));
    }
    if (!addresses.isEmpty() && security == Security.INSECURE) {
      findings.add(
          new Finding(
              Check.ADDRESS_DNSSEC,
              "the addresses of "
                  + DnsText.name(host)
                  + " are insecure: senders look up no TLSA records for it (RFC 7672 2.2.2)"));
    }
    Name expanded = v6.records().isEmpty() ? v4.canonicalName() : v6.canonicalName();
    TlsaSurveyor.Result found = tlsa.survey(host, expanded, findings);
    Name base = found.facts().map(TlsaFacts::base).orElse(host);
    // RFC 7672 3.2.2: the TLSA base domain, the MX host's names, the next-hop domain.
    Set<String> references = new LinkedHashSet<>();
    for (Name name : List.of(base, host, expanded, domain)) {
      references.add(DnsText.name(name));
    }
    return new HostFacts(
        host,
        expanded,
        addresses,
        security,
        found.facts(),
        found.security(),
        List.copyOf(references),
        findings);
  }
}
