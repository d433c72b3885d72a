package org.danerelay.dane.dns;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.dnssec.ValidatingResolver;

/**
 * DNS lookups validated in process from a trust anchor ({@code dns.dnssec=validate}, RFC 7672 2.1):
 * dnsjava's {@link ValidatingResolver} over the configured resolvers, which only need to pass
 * DNSSEC records through (it queries with CD and DO).
 *
 * <p>The validator sets AD on secure answers; it answers SERVFAIL with its reason in a TXT record
 * of class {@value ValidatingResolver#VALIDATION_REASON_QCLASS} when the data is bogus. Upstream
 * trouble (timeouts, SERVFAIL from every resolver) never reaches the validator as an rcode: {@link
 * FailoverResolver} fails the query instead, so it is INDETERMINATE here, not BOGUS.
 *
 * <p>dnsjava logs bogus answers at ERROR (with stack traces) under {@code org.xbill.DNS.dnssec};
 * quieting that is the logging configuration's job, not this class's.
 */
public final class ValidatingDnsLookup implements DnsLookup {

  private final FailoverResolver upstream;
  private final ValidatingResolver validator;

  /**
   * @param resolvers IP addresses and ports of the resolvers to ask, in order
   * @param trustAnchors DS or DNSKEY records in zone file format (e.g. the root KSK's DS)
   * @param timeout how long to wait for one resolver's answer
   * @param clock the time signatures are checked against
   */
  public ValidatingDnsLookup(
      List<InetSocketAddress> resolvers, InputStream trustAnchors, Duration timeout, Clock clock)
      throws IOException {
    this.upstream = new FailoverResolver(resolvers, timeout);
    this.validator = new ValidatingResolver(upstream, clock);
    validator.loadTrustAnchors(trustAnchors);
    if (validator.getTrustAnchors().items().isEmpty()) {
      throw new IOException("no DS or DNSKEY trust anchor found");
    }
  }

  @Override
  public DnsAnswer lookup(Name name, int type) {
    return CnameChain.follow(name, type, link -> ask(link, type));
  }

  private LinkAnswer ask(Name name, int type) {
    Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    // the validator asks for DS and DNSKEY records too: allow a few upstream round trips
    long wait = upstream.worstCase().multipliedBy(4).toMillis();
    return BoundedWait.answer(
        validator.sendAsync(query), wait, "validation timed out", ValidatingDnsLookup::verdict);
  }

  private static LinkAnswer verdict(Message response) {
    int rcode = response.getRcode();
    if (rcode == Rcode.SERVFAIL) {
      // RFC 4035 5.5: the validator's own verdict; upstream SERVFAIL fails the future instead
      String reason = validationReason(response);
      return LinkAnswer.failed(Security.BOGUS, reason.isEmpty() ? "bogus (no reason)" : reason);
    }
    if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
      return LinkAnswer.failed(Security.INDETERMINATE, "validator answered " + Rcode.string(rcode));
    }
    return LinkAnswer.byAdBit(response);
  }

  /** The reason dnsjava's validator puts in a TXT record of its private class. */
  static String validationReason(Message response) {
    StringBuilder reason = new StringBuilder();
    for (Record r : response.getSection(Section.ADDITIONAL)) {
      if (r instanceof TXTRecord && r.getDClass() == ValidatingResolver.VALIDATION_REASON_QCLASS) {
        ((TXTRecord) r).getStrings().forEach(reason::append);
      }
    }
    return reason.toString();
  }
}
