package org.danerelay.server.sts;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.danerelay.dane.dns.DnsAnswer;
import org.danerelay.dane.dns.DnsLookup;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The addresses of an HTTPS server's host name through the relay's own resolver (never the
 * system's): IPv6 then IPv4, at most a few, or why there are none.
 *
 * @param addresses in the order to try them; empty when {@code whyNone} says why
 * @param whyNone short and human, empty when there are addresses
 */
record HostAddresses(List<InetAddress> addresses, String whyNone) {

  /** Enough for a policy host behind a few load balancers; bounds the time spent connecting. */
  static final int MAX_ADDRESSES = 8;

  HostAddresses {
    addresses = List.copyOf(addresses);
  }

  static HostAddresses resolve(DnsLookup dns, String host) {
    Name name;
    try {
      name = Name.fromString(host.toLowerCase(Locale.ROOT), Name.root);
    } catch (TextParseException e) {
      return new HostAddresses(List.of(), "not a host name: " + host);
    }
    List<InetAddress> addresses = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (int type : new int[] {Type.AAAA, Type.A}) {
      DnsAnswer answer = dns.lookup(name, type);
      if (answer.isFailure()) {
        // A failed or bogus answer is no address: DNSSEC trouble is not papered over.
        if (!failures.contains(answer.reason())) {
          failures.add(answer.reason());
        }
        continue;
      }
      for (Record record : answer.records()) {
        if (addresses.size() >= MAX_ADDRESSES) {
          break;
        }
        if (record instanceof AAAARecord v6) {
          addresses.add(v6.getAddress());
        } else if (record instanceof ARecord v4) {
          addresses.add(v4.getAddress());
        }
      }
    }
    if (!addresses.isEmpty()) {
      return new HostAddresses(addresses, "");
    }
    if (!failures.isEmpty()) {
      return new HostAddresses(
          List.of(), "cannot resolve " + host + ": " + String.join("; ", failures));
    }
    return new HostAddresses(List.of(), "no address for " + host);
  }
}
