package org.danerelay.server.outbound.faults;

import org.danerelay.dane.testdns.TestZones;

/** A DNS fault the test DNS server can play for one name (RFC 7672 2.1; DANE-RULES 1). */
enum DnsFault {
  /** No answer at all, over UDP or TCP: the lookup times out. */
  TIMEOUT("timeout"),
  /** SERVFAIL from the only resolver. */
  SERVFAIL("servfail"),
  /** TC over UDP, and the TCP retry is closed unanswered: truncation TCP could not fix. */
  TRUNCATED("truncated"),
  /** A damaged RRSIG in a signed zone: BOGUS (RFC 4035 5.3.3). */
  BOGUS("bogus");

  final String label;

  DnsFault(String label) {
    this.label = label;
  }

  /** Makes the test DNS play this fault for queries at {@code owner} ({@code type}'s RRset). */
  TestZones.Builder apply(TestZones.Builder zones, String owner, int type) {
    return switch (this) {
      case TIMEOUT -> zones.silent(owner);
      case SERVFAIL -> zones.servfail(owner);
      case TRUNCATED -> zones.truncatedOverUdp(owner, false);
      case BOGUS -> zones.badSignature(owner, type);
    };
  }
}
