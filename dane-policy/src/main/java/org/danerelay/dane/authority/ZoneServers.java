package org.danerelay.dane.authority;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.danerelay.dane.dns.DnsAnswer;
import org.danerelay.dane.dns.DnsLookup;
import org.danerelay.dane.dns.Outcome;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The zone that holds a name and the addresses of its name servers, found through the recursive
 * lookup: the closest enclosing name with NS records of its own is the zone apex.
 *
 * @param zone the apex
 * @param servers each name server's name and its IPv4 and IPv6 addresses (maybe none)
 */
record ZoneServers(Name zone, List<NameServer> servers) {

  /** One name server of the zone, with the addresses its A and AAAA lookups gave. */
  record NameServer(Name name, List<InetAddress> addresses, String problem) {}

  ZoneServers {
    servers = List.copyOf(servers);
  }

  /** Walks up from {@code name}; empty with a reason in {@code problem} when the walk fails. */
  static Optional<ZoneServers> find(DnsLookup lookup, Name name, StringBuilder problem) {
    for (Name candidate = name; ; candidate = new Name(candidate, 1)) {
      DnsAnswer ns = lookup.lookup(candidate, Type.NS);
      if (ns.outcome() == Outcome.FAILURE) {
        problem.append("NS lookup at ").append(candidate).append(" failed: ").append(ns.reason());
        return Optional.empty();
      }
      // An alias is not a zone apex, even when the NS lookup follows it to one.
      if (ns.outcome() == Outcome.RECORDS && ns.aliases().isEmpty()) {
        return Optional.of(new ZoneServers(candidate, serversOf(lookup, ns.records())));
      }
      if (candidate.labels() <= 1) {
        problem.append("no zone with NS records encloses ").append(name);
        return Optional.empty();
      }
    }
  }

  private static List<NameServer> serversOf(DnsLookup lookup, List<Record> nsRecords) {
    List<NameServer> servers = new ArrayList<>();
    for (Record record : nsRecords) {
      Name server = ((NSRecord) record).getTarget();
      List<InetAddress> addresses = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      for (int type : new int[] {Type.A, Type.AAAA}) {
        DnsAnswer answer = lookup.lookup(server, type);
        if (answer.outcome() == Outcome.FAILURE) {
          problems.add(Type.string(type) + " lookup failed: " + answer.reason());
        }
        for (Record address : answer.records()) {
          addresses.add(
              address instanceof ARecord a ? a.getAddress() : ((AAAARecord) address).getAddress());
        }
      }
      String problem =
          addresses.isEmpty() && problems.isEmpty() ? "no address" : String.join("; ", problems);
      servers.add(new NameServer(server, addresses, problem));
    }
    return servers;
  }
}
