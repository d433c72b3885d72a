package org.danerelay.dane.dns;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Follows the CNAME chain from a name to the records of the asked type, asking one link at a time,
 * and folds the links into one {@link DnsAnswer}: the weakest security of every response (RFC 7672
 * 2.1, 2.2.2: "SECURE only if every link is"), the smallest TTL, every alias in order.
 *
 * <p>A response that already carries the rest of the chain (a recursive resolver follows CNAMEs) is
 * read as far as it goes; a chain that ends there without data is asked again at its last target,
 * so the negative answer and its status are that name's own (RFC 6604 3). A loop, or more than
 * {@value #MAX_LINKS} aliases, is a failure.
 */
final class CnameChain {

  static final int MAX_LINKS = 8;

  private CnameChain() {}

  static DnsAnswer follow(Name query, int type, Function<Name, LinkAnswer> ask) {
    List<Name> aliases = new ArrayList<>();
    Set<Name> seen = new HashSet<>();
    seen.add(query);
    Security security = Security.SECURE;
    long ttl = Long.MAX_VALUE;
    Name current = query;
    for (int asked = 0; asked <= MAX_LINKS; asked++) {
      LinkAnswer link = ask.apply(current);
      if (link.isFailure()) {
        return failure(query, type, current, aliases, link.security(), link.reason());
      }
      Message response = link.response();
      if (response.getHeader().getOpcode() != Opcode.QUERY) {
        // RFC 1035 4.1.1: a response copies the query's opcode. dnsjava reads an UPDATE message's
        // data-less records as EmptyRecord, whatever their type, so none of it is an answer.
        String opcode = Opcode.string(response.getHeader().getOpcode());
        return failure(
            query, type, current, aliases, Security.INDETERMINATE, "answer with opcode " + opcode);
      }
      security = security.weakest(link.security());
      Name name = current;
      while (true) {
        List<Record> records = answers(response, name, type);
        if (!records.isEmpty()) {
          for (Record r : records) {
            ttl = Math.min(ttl, r.getTTL());
          }
          return new DnsAnswer(
              query, type, name, aliases, records, Outcome.RECORDS, security, ttl, "");
        }
        List<Record> cname = type == Type.CNAME ? List.of() : answers(response, name, Type.CNAME);
        if (cname.isEmpty()) {
          break;
        }
        aliases.add(name);
        ttl = Math.min(ttl, cname.get(0).getTTL());
        name = ((CNAMERecord) cname.get(0)).getTarget();
        if (!seen.add(name)) {
          return failure(
              query, type, name, aliases, Security.INDETERMINATE, "CNAME loop at " + name);
        }
        if (aliases.size() > MAX_LINKS) {
          return failure(
              query, type, name, aliases, Security.INDETERMINATE, "more than 8 CNAME links");
        }
      }
      if (!name.equals(current)) {
        current = name; // the chain left this response without data: ask its target itself
        continue;
      }
      Outcome outcome = response.getRcode() == Rcode.NXDOMAIN ? Outcome.NXDOMAIN : Outcome.NODATA;
      ttl = Math.min(ttl, negativeTtl(response));
      return new DnsAnswer(query, type, name, aliases, List.of(), outcome, security, ttl, "");
    }
    return failure(query, type, current, aliases, Security.INDETERMINATE, "too many CNAME links");
  }

  private static List<Record> answers(Message response, Name name, int type) {
    List<Record> found = new ArrayList<>();
    for (Record r : response.getSection(Section.ANSWER)) {
      if (r.getType() == type && r.getName().equals(name)) {
        found.add(r);
      }
    }
    return found;
  }

  /**
   * RFC 2308 5: a negative answer lives as long as the SOA's TTL and its MINIMUM field allow, the
   * smaller of the two; without a SOA it is not cached.
   */
  static long negativeTtl(Message response) {
    for (Record r : response.getSection(Section.AUTHORITY)) {
      if (r instanceof SOARecord) {
        return Math.min(r.getTTL(), ((SOARecord) r).getMinimum());
      }
    }
    return 0;
  }

  private static DnsAnswer failure(
      Name query, int type, Name at, List<Name> aliases, Security security, String reason) {
    Security status = security.isFailure() ? security : Security.INDETERMINATE;
    return new DnsAnswer(query, type, at, aliases, List.of(), Outcome.FAILURE, status, 0, reason);
  }
}
