package org.danerelay.dane.policy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.danerelay.dane.dns.Security;
import org.danerelay.dane.policy.TlsRequirement.DaneRequired;
import org.danerelay.dane.policy.TlsRequirement.EncryptRequired;
import org.danerelay.dane.policy.TlsRequirement.Opportunistic;
import org.danerelay.dane.policy.TlsRequirement.PlaintextOnly;

/**
 * Decides the TLS one host must achieve from the destination's level, the security of the host's
 * addresses and its TLSA records (RFC 7672 2.2, DANE-RULES 3, 4, 6); or that the host is skipped.
 */
final class HostPolicy {

  /** The requirement for every address of the host, or why the host is skipped. */
  sealed interface Decision permits Use, Skip {}

  /** Try the host's addresses with this requirement. */
  record Use(TlsRequirement requirement) implements Decision {}

  private final TlsaResolver tlsa;

  HostPolicy(TlsaResolver tlsa) {
    this.tlsa = tlsa;
  }

  Decision decide(TlsLevel level, NextHop nextHop, AddressResolver.Found host) {
    if (level == TlsLevel.NONE) {
      return new Use(new PlaintextOnly());
    }
    if (level == TlsLevel.MAY) {
      return new Use(new Opportunistic()); // no TLSA lookups at level may
    }
    String name = PlanNames.text(host.host());
    if (host.security() != Security.SECURE) {
      // DANE-RULES 3: an insecure host gets no TLSA lookup at all.
      return withoutDane(level, name, "addresses not DNSSEC-signed (" + host.security() + ")");
    }
    TlsaResolver.Verdict verdict = tlsa.resolve(host, nextHop.port());
    if (verdict instanceof Skip skip) {
      return skip;
    }
    if (verdict instanceof TlsaResolver.NoSecureTlsa none) {
      return withoutDane(level, name, none.why());
    }
    TlsaResolver.Found found = (TlsaResolver.Found) verdict;
    if (found.usable().isEmpty()) {
      String why = "TLSA records at " + PlanNames.text(found.base()) + " present but none usable";
      if (level == TlsLevel.DANE_ONLY) {
        return new Skip(name + ": " + why + ", level dane-only: skipped", Skip.Trouble.DNSSEC);
      }
      // DANE-RULES 4: records exist but none is usable: STARTTLS mandatory, no authentication.
      return new Use(new EncryptRequired(why));
    }
    String base = PlanNames.text(found.base());
    return new Use(
        new DaneRequired(found.usable(), found.base(), referenceIds(base, host, nextHop), base));
  }

  private static Decision withoutDane(TlsLevel level, String host, String why) {
    return switch (level) {
      case DANE_ONLY ->
          new Skip(host + ": " + why + ", level dane-only: skipped", Skip.Trouble.DNSSEC);
      case ENCRYPT -> new Use(new EncryptRequired("level encrypt; no DANE: " + why));
      default -> new Use(new Opportunistic());
    };
  }

  /**
   * DANE-RULES 5, RFC 7672 3.2.2: the TLSA base domain first, then the host's original and expanded
   * names, then the next-hop domain; lower case, no trailing dot, no duplicates.
   */
  private static List<String> referenceIds(
      String base, AddressResolver.Found host, NextHop nextHop) {
    Set<String> ids = new LinkedHashSet<>();
    ids.add(base);
    ids.add(PlanNames.text(host.host()));
    ids.add(PlanNames.text(host.expanded()));
    ids.add(nextHop.domainText());
    return List.copyOf(ids);
  }
}
