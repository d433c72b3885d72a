package org.danerelay.dane.testdns;

import java.util.Map;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * What the test server does wrong on the wire for chosen query names, before any zone data is
 * consulted: the upstream faults a resolver meets (RFC 7672 2.1; DANE-RULES 1) that an rcode alone
 * cannot show.
 */
final class QueryFaults {

  /** How a query is treated on one transport. */
  enum Action {
    /** Answer from the zones as usual. */
    ANSWER,
    /** Never answer: over UDP no datagram, over TCP the connection stays open and silent. */
    DROP,
    /** Over UDP, an empty answer with TC set whatever its size (RFC 1035 4.2.1). */
    TRUNCATE,
    /** Over TCP, close the connection without answering. */
    CLOSE
  }

  /** The fault for one name: what UDP does, and what TCP does. */
  record Fault(Action udp, Action tcp) {}

  static final QueryFaults NONE = new QueryFaults(Map.of());

  private final Map<Name, Fault> byName;

  QueryFaults(Map<Name, Fault> byName) {
    this.byName = Map.copyOf(byName);
  }

  Action udp(Message query) {
    Fault fault = faultFor(query);
    return fault == null ? Action.ANSWER : fault.udp();
  }

  Action tcp(Message query) {
    Fault fault = faultFor(query);
    return fault == null ? Action.ANSWER : fault.tcp();
  }

  private Fault faultFor(Message query) {
    Record question = query.getQuestion();
    return question == null ? null : byName.get(question.getName());
  }
}
