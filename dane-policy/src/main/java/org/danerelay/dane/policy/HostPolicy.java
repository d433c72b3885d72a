package org.danerelay.dane.policy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.danerelay.dane.dns.Security;
import org.danerelay.dane.policy.TlsRequirement.DaneRequired;
import org.danerelay.dane.policy.TlsRequirement.EncryptRequired;
import org.danerelay.dane.policy.TlsRequirement.MtaStsEnforce;
import org.danerelay.dane.policy.TlsRequirement.MtaStsTesting;
import org.danerelay.dane.policy.TlsRequirement.Opportunistic;
import org.danerelay.dane.policy.TlsRequirement.PlaintextOnly;
import org.danerelay.dane.sts.StsMode;
import org.danerelay.dane.sts.StsPolicy;
import org.danerelay.dane.sts.StsVerdict;

/**
 * Decides the TLS one host must achieve from the destination's level, the security of the host's
 * addresses and its TLSA records (RFC 7672 2.2, DANE-RULES 3, 4, 6), and, for a host without usable
 * DANE, the domain's MTA-STS policy (RFC 8461 2, 4); or that the host is skipped.
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

  /**
   * @param sts the recipient domain's MTA-STS verdict, asked only when DANE does not cover the host
   *     (RFC 8461 2: DANE decides where it applies, and a DANE failure is never overridden)
   */
  Decision decide(
      TlsLevel level, NextHop nextHop, AddressResolver.Found host, Supplier<StsVerdict> sts) {
    if (level == TlsLevel.NONE) {
      return new Use(new PlaintextOnly());
    }
    if (level == TlsLevel.MAY) {
      return new Use(new Opportunistic()); // no TLSA lookups at level may
    }
    String name = PlanNames.text(host.host());
    if (host.security() != Security.SECURE) {
      // DANE-RULES 3: an insecure host gets no TLSA lookup at all.
      String why = "addresses not DNSSEC-signed (" + host.security() + ")";
      return withoutDane(level, name, why, sts);
    }
    TlsaResolver.Verdict verdict = tlsa.resolve(host, nextHop.port());
    if (verdict instanceof Skip skip) {
      return skip;
    }
    if (verdict instanceof TlsaResolver.NoSecureTlsa none) {
      return withoutDane(level, name, none.why(), sts);
    }
    TlsaResolver.Found found = (TlsaResolver.Found) verdict;
    if (found.usable().isEmpty()) {
      String why = "TLSA records at " + PlanNames.text(found.base()) + " present but none usable";
      if (level == TlsLevel.DANE_ONLY) {
        return new Skip(
            name + ": " + why + ", level dane-only: skipped", Skip.Trouble.DANE_REQUIRED);
      }
      // DANE-RULES 4: records exist but none is usable: STARTTLS mandatory, no authentication;
      // an MTA-STS policy in mode enforce may add authentication, never take TLS away.
      return enforcedByMtaSts(name, stsInForce(level, sts))
          .orElse(new Use(new EncryptRequired(why, true)));
    }
    String base = PlanNames.text(found.base());
    return new Use(
        new DaneRequired(found.usable(), found.base(), referenceIds(base, host, nextHop), base));
  }

  private static Decision withoutDane(
      TlsLevel level, String host, String why, Supplier<StsVerdict> sts) {
    if (level == TlsLevel.DANE_ONLY) {
      return new Skip(host + ": " + why + ", level dane-only: skipped", Skip.Trouble.DANE_REQUIRED);
    }
    Optional<StsPolicy> policy = stsInForce(level, sts);
    Optional<Decision> enforced = enforcedByMtaSts(host, policy);
    if (enforced.isPresent()) {
      return enforced.get();
    }
    if (level == TlsLevel.ENCRYPT) {
      return new Use(new EncryptRequired("level encrypt; no DANE: " + why, false));
    }
    return new Use(
        policy.<TlsRequirement>map(p -> new MtaStsTesting(host, p)).orElseGet(Opportunistic::new));
  }

  /**
   * The domain's MTA-STS policy in mode enforce or testing, at the levels where it may apply: dane
   * and encrypt. Levels may and none are the postmaster's choice for the domain and stand.
   */
  private static Optional<StsPolicy> stsInForce(TlsLevel level, Supplier<StsVerdict> sts) {
    return level == TlsLevel.DANE || level == TlsLevel.ENCRYPT
        ? sts.get().inForce()
        : Optional.empty();
  }

  /**
   * Under a policy in mode enforce: PKIX-authenticated TLS to a host the policy lists, and no
   * delivery at all to one it does not (RFC 8461 4.1, 5); empty for any other mode.
   */
  private static Optional<Decision> enforcedByMtaSts(String host, Optional<StsPolicy> policy) {
    if (policy.isEmpty() || policy.get().mode() != StsMode.ENFORCE) {
      return Optional.empty();
    }
    StsPolicy enforce = policy.get();
    if (!enforce.allows(host)) {
      return Optional.of(
          new Skip(
              host + ": not an mx of the MTA-STS policy of " + enforce.domain() + " (enforce)",
              Skip.Trouble.TLS_POLICY));
    }
    return Optional.of(new Use(new MtaStsEnforce(host, enforce)));
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
