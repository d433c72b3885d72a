package org.danerelay.dane.testdns;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Answers a query from all test zones at once, like a recursive resolver that already holds every
 * zone: CNAMEs are followed across zones (at most 8 links), negative answers carry the SOA and, in
 * signed zones, the NSEC proofs (RFC 4035 3.1.3), and a DS question at a zone apex is answered by
 * the parent (RFC 4035 3.1.4.1). RRSIGs are sent only when the query sets DO (RFC 3225).
 */
final class ZoneAnswerer implements UnaryOperator<Message> {

  private static final int MAX_LINKS = 8;

  private final Map<Name, TestZone> zones;
  private final Set<Name> servfail;

  ZoneAnswerer(Map<Name, TestZone> zones, Set<Name> servfail) {
    this.zones = zones;
    this.servfail = servfail;
  }

  /** The zone that holds {@code name}: the one with the longest origin enclosing it. */
  static TestZone deepest(Map<Name, TestZone> zones, Name name) {
    for (Name n = name; ; n = new Name(n, 1)) {
      TestZone zone = zones.get(n);
      if (zone != null) {
        return zone;
      }
      if (n.labels() <= 1) {
        return null;
      }
    }
  }

  @Override
  public Message apply(Message query) {
    Record question = query.getQuestion();
    if (question == null || question.getDClass() != DClass.IN) {
      return DnsTestServer.error(query, Rcode.REFUSED);
    }
    OPTRecord opt = query.getOPT();
    boolean dnssec = opt != null && (opt.getFlags() & ExtendedFlags.DO) != 0;
    Message response = DnsTestServer.error(query, Rcode.NOERROR);
    response.getHeader().setFlag(Flags.AA);
    response.getHeader().setFlag(Flags.RA);
    DnsTestServer.copyOpt(query, response);

    Name name = question.getName();
    int type = question.getType();
    Set<Name> seen = new LinkedHashSet<>();
    for (int link = 0; link <= MAX_LINKS && seen.add(name); link++) {
      if (servfail.contains(name)) {
        return withOpt(query, DnsTestServer.error(query, Rcode.SERVFAIL));
      }
      TestZone zone = zoneFor(name, type);
      if (zone == null) {
        return withOpt(query, DnsTestServer.error(query, Rcode.REFUSED));
      }
      RRset answer = zone.rrset(name, type);
      if (answer != null) {
        add(response, answer, Section.ANSWER, dnssec);
        return response;
      }
      RRset cname = type == Type.CNAME ? null : zone.rrset(name, Type.CNAME);
      if (cname != null) {
        add(response, cname, Section.ANSWER, dnssec);
        name = ((CNAMERecord) cname.first()).getTarget();
        continue;
      }
      negative(response, zone, name, dnssec);
      return response;
    }
    return withOpt(query, DnsTestServer.error(query, Rcode.SERVFAIL)); // loop or too long
  }

  private TestZone zoneFor(Name name, int type) {
    TestZone zone = deepest(zones, name);
    if (zone != null && type == Type.DS && zone.origin().equals(name) && name.labels() > 1) {
      return deepest(zones, new Name(name, 1)); // the parent side of the cut
    }
    return zone;
  }

  private static void negative(Message response, TestZone zone, Name name, boolean dnssec) {
    add(response, zone.rrset(zone.origin(), Type.SOA), Section.AUTHORITY, dnssec);
    boolean exists = zone.exists(name);
    if (!exists) {
      response.getHeader().setRcode(Rcode.NXDOMAIN);
    }
    if (!dnssec || !zone.isSigned()) {
      return;
    }
    RRset proof = zone.nsecFor(name);
    add(response, proof, Section.AUTHORITY, true);
    if (!exists) {
      // RFC 4035 3.1.3.2: also prove that no wildcard at the closest encloser could answer.
      RRset wildcardProof = zone.nsecFor(wildcard(zone.closestEncloser(name)));
      if (!wildcardProof.getName().equals(proof.getName())) {
        add(response, wildcardProof, Section.AUTHORITY, true);
      }
    }
  }

  private static Name wildcard(Name closestEncloser) {
    try {
      return Name.concatenate(Name.fromConstantString("*"), closestEncloser);
    } catch (NameTooLongException e) {
      return closestEncloser;
    }
  }

  private static void add(Message response, RRset set, int section, boolean dnssec) {
    for (Record r : set.rrs(false)) {
      response.addRecord(r, section);
    }
    if (dnssec) {
      for (Record sig : set.sigs()) {
        response.addRecord(sig, section);
      }
    }
  }

  private static Message withOpt(Message query, Message response) {
    DnsTestServer.copyOpt(query, response);
    return response;
  }
}
