package org.danerelay.dane.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * DNS lookups that trust the AD bit of a validating resolver ({@code dns.dnssec=resolver}, what
 * Postfix and Exim do; RFC 7672 2.1, RFC 4035 3.2.3): each query carries RD and EDNS0 with DO and a
 * 1232-byte payload; an answer with AD is SECURE, one without is INSECURE.
 *
 * <p>The resolver cannot tell us why it failed: its SERVFAIL for bogus data looks like any other
 * SERVFAIL, so every failure here is INDETERMINATE (still a failure, never insecure). The AD bit is
 * only as trustworthy as the path to the resolver, so a resolver off loopback is logged once.
 */
public final class ResolverDnsLookup implements DnsLookup {

  private static final Logger log = LoggerFactory.getLogger(ResolverDnsLookup.class);

  private final FailoverResolver upstream;

  /**
   * @param resolvers IP addresses and ports of validating resolvers, asked in order
   * @param timeout how long to wait for one resolver's answer
   */
  public ResolverDnsLookup(List<InetSocketAddress> resolvers, Duration timeout) {
    this.upstream = new FailoverResolver(resolvers, timeout);
    upstream.setEDNS(0, FailoverResolver.EDNS_PAYLOAD, ExtendedFlags.DO, List.of());
    for (InetSocketAddress resolver : resolvers) {
      if (!resolver.getAddress().isLoopbackAddress()) {
        log.warn(
            "dns.dnssec=resolver trusts the AD bit from {}, which is not on loopback: an attacker"
                + " on the path could forge it; prefer a validating resolver on 127.0.0.1",
            resolver);
      }
    }
  }

  @Override
  public DnsAnswer lookup(Name name, int type) {
    return CnameChain.follow(name, type, link -> ask(link, type));
  }

  private LinkAnswer ask(Name name, int type) {
    Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    query.getHeader().setFlag(Flags.RD);
    query.addRecord(
        new OPTRecord(FailoverResolver.EDNS_PAYLOAD, 0, 0, ExtendedFlags.DO), Section.ADDITIONAL);
    return BoundedWait.answer(
        upstream.sendAsync(query),
        upstream.worstCase().toMillis(),
        "no answer in time",
        LinkAnswer::byAdBit);
  }
}
