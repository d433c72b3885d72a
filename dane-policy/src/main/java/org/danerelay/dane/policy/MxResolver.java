package org.danerelay.dane.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.danerelay.dane.dns.DnsAnswer;
import org.danerelay.dane.dns.DnsLookup;
import org.danerelay.dane.dns.Outcome;
import org.danerelay.dane.dns.Security;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Turns a domain's MX lookup into the hosts to try, in order (RFC 5321 5.1, RFC 7505, RFC 7672
 * 2.2.1), or into a final verdict when there is nothing to try.
 */
final class MxResolver {

  /** Hosts in order, or a Defer or Bounce for the whole destination. */
  sealed interface Result permits Hosts, Final {}

  /**
   * Hosts to try.
   *
   * @param names in the order to try them
   * @param secure whether the MX answer (or the NODATA that made an implicit MX) was SECURE
   * @param notes MX records left out and why
   */
  record Hosts(List<Name> names, boolean secure, List<String> notes) implements Result {
    Hosts {
      names = List.copyOf(names);
      notes = List.copyOf(notes);
    }
  }

  /**
   * Nothing to try: the plan for the whole destination.
   *
   * @param bogus whether the MX answer failed DNSSEC validation (TLSRPT: dnssec-invalid)
   */
  record Final(DeliveryPlan plan, boolean bogus) implements Result {}

  private final DnsLookup dns;
  private final RandomGenerator random;

  MxResolver(DnsLookup dns, RandomGenerator random) {
    this.dns = dns;
    this.random = random;
  }

  Result resolve(Name domain) {
    DnsAnswer answer = dns.lookup(domain, Type.MX);
    String d = PlanNames.text(domain);
    if (answer.isFailure()) {
      // DANE-RULES 2, RFC 7672 2.2.1: a failed or BOGUS MX lookup defers the whole destination.
      String code = answer.security() == Security.BOGUS ? "4.7.5" : "4.4.3";
      return new Final(
          new DeliveryPlan.Defer(
              code + " MX lookup for " + d + " failed (" + PlanNames.status(answer) + ")"),
          answer.security() == Security.BOGUS);
    }
    if (answer.outcome() == Outcome.NXDOMAIN) {
      // RFC 5321 5.1: no such domain. A definitive answer, secure or not: bounce.
      return fin(new DeliveryPlan.Bounce("5.1.2 domain " + d + " does not exist (NXDOMAIN)"));
    }
    boolean secure = answer.isSecure();
    if (answer.outcome() == Outcome.NODATA) {
      // RFC 5321 5.1, RFC 7672 2.2.2: no MX records: the domain itself is the implicit MX, with
      // preference 0; its own address records decide DANE.
      return new Hosts(List.of(domain), secure, List.of());
    }
    List<MXRecord> mx = new ArrayList<>();
    for (Record r : answer.records()) {
      if (r instanceof MXRecord m) {
        mx.add(m);
      }
    }
    if (mx.size() == 1 && mx.get(0).getTarget().equals(Name.root)) {
      // RFC 7505 3: "MX 0 ." says the domain accepts no mail; do not retry. (A lone "." target is
      // taken as null MX whatever its preference.)
      return fin(new DeliveryPlan.Bounce("5.1.10 " + d + " accepts no mail: null MX (RFC 7505)"));
    }
    List<String> notes = new ArrayList<>();
    Map<Name, Integer> preferences = new LinkedHashMap<>();
    for (MXRecord m : mx) {
      if (m.getTarget().equals(Name.root)) {
        // RFC 7505 3: a null MX must stand alone; among other MX records it names no host.
        notes.add(d + ": MX " + m.getPriority() + " '.' among other MX records ignored");
        continue;
      }
      preferences.merge(m.getTarget().canonicalize(), m.getPriority(), Math::min);
    }
    if (preferences.isEmpty()) {
      return fin(new DeliveryPlan.Defer("4.4.4 MX records for " + d + " name no host"));
    }
    return new Hosts(ordered(preferences), secure, notes);
  }

  /** RFC 5321 5.1: lowest preference first; equal preferences in random order. */
  private List<Name> ordered(Map<Name, Integer> preferences) {
    Map<Integer, List<Name>> byPreference = new TreeMap<>();
    preferences.forEach(
        (name, pref) -> byPreference.computeIfAbsent(pref, p -> new ArrayList<>()).add(name));
    List<Name> order = new ArrayList<>();
    for (List<Name> group : byPreference.values()) {
      // Fisher-Yates with the injected generator (Collections.shuffle takes only Random in 17).
      for (int i = group.size() - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        group.set(j, group.set(i, group.get(j)));
      }
      order.addAll(group);
    }
    return order;
  }

  private static Final fin(DeliveryPlan plan) {
    return new Final(plan, false);
  }
}
