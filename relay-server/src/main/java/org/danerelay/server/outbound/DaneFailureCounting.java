package org.danerelay.server.outbound;

import java.util.function.Consumer;
import org.danerelay.dane.dns.DnsAnswer;
import org.danerelay.dane.dns.DnsLookup;
import org.danerelay.dane.dns.Security;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * The delivery planner's DNS, telling {@code failures} of the answers that make DANE defer: a
 * failed TLSA lookup, and any BOGUS answer.
 *
 * <p>Each such answer leads the planner to exactly one decision: a failed TLSA lookup skips the
 * host (RFC 7672 2.2.3), a BOGUS address skips the host, a BOGUS MX RRset defers the destination
 * (DANE-RULES 2). The planner asks for TLSA records only of hosts whose addresses are secure, so
 * every TLSA failure counted here is one DANE would have relied on. With {@code dns.dnssec =
 * resolver}, a validating resolver answers a bogus name with SERVFAIL: it counts as a lookup
 * failure, as the relay cannot tell the two apart.
 */
public final class DaneFailureCounting implements DnsLookup {

  private final DnsLookup dns;
  private final Consumer<DaneFailure> failures;

  public DaneFailureCounting(DnsLookup dns, Consumer<DaneFailure> failures) {
    this.dns = dns;
    this.failures = failures;
  }

  @Override
  public DnsAnswer lookup(Name name, int type) {
    DnsAnswer answer = dns.lookup(name, type);
    if (answer.security() == Security.BOGUS) {
      failures.accept(DaneFailure.BOGUS);
    } else if (type == Type.TLSA && answer.isFailure()) {
      failures.accept(DaneFailure.LOOKUP_FAILURE);
    }
    return answer;
  }
}
