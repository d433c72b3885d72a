package org.danerelay.dane.policy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.danerelay.dane.dns.DnsLookup;
import org.danerelay.dane.dns.Security;
import org.danerelay.dane.sts.StsPolicySource;
import org.danerelay.dane.sts.StsVerdict;
import org.xbill.DNS.Name;

/**
 * Plans the delivery to one destination before any socket opens: which hosts and addresses to try,
 * in which order, and what TLS each must achieve (RFC 7672 2.2; Postfix's {@code smtp_tls_policy}).
 *
 * <p>Steps: MX lookup ({@link MxResolver}), each host's addresses ({@link AddressResolver}), each
 * host's TLS requirement by level and TLSA records ({@link HostPolicy}, {@link TlsaResolver}), and
 * for hosts without usable DANE the recipient domain's MTA-STS policy, asked at most once per plan
 * and only when such a host exists (RFC 8461 2). A host that cannot be tried safely is skipped with
 * a note; when none is left, the destination is deferred, never tried with less protection
 * (DANE-RULES 1).
 */
public final class DeliveryPlanner {

  private final MxResolver mx;
  private final AddressResolver addresses;
  private final HostPolicy hostPolicy;
  private final TlsLevel defaultLevel;
  private final Map<String, TlsLevel> overrides;
  private final StsPolicySource sts;
  private final DaneFailures failures;

  /**
   * @param dns the DNS seam, reporting each answer's DNSSEC status
   * @param random breaks ties between MX hosts of equal preference (RFC 5321 5.1); in production
   *     {@code RandomGenerator.getDefault()}, in tests a seeded {@code SplittableRandom} (the first
   *     outputs of {@code java.util.Random} for neighbouring seeds correlate)
   * @param defaultLevel {@code tls.policy}
   * @param overrides {@code tls.policy.map}: level by exact recipient domain (case and a trailing
   *     dot ignored)
   * @param sts MTA-STS policies of recipient domains; {@link StsPolicySource#NONE} for none
   * @param failures told of hosts left out for DNSSEC and DANE reasons (TLSRPT)
   */
  public DeliveryPlanner(
      DnsLookup dns,
      RandomGenerator random,
      TlsLevel defaultLevel,
      Map<String, TlsLevel> overrides,
      StsPolicySource sts,
      DaneFailures failures) {
    Objects.requireNonNull(dns, "dns");
    Objects.requireNonNull(random, "random");
    this.mx = new MxResolver(dns, random);
    this.addresses = new AddressResolver(dns);
    this.hostPolicy = new HostPolicy(new TlsaResolver(dns));
    this.defaultLevel = Objects.requireNonNull(defaultLevel, "defaultLevel");
    Map<String, TlsLevel> copy = new HashMap<>();
    overrides.forEach(
        (domain, level) -> copy.put(normalize(domain), Objects.requireNonNull(level, domain)));
    this.overrides = Map.copyOf(copy);
    this.sts = Objects.requireNonNull(sts, "sts");
    this.failures = Objects.requireNonNull(failures, "failures");
  }

  /** A planner that tells nobody of DNSSEC and DANE failures. */
  public DeliveryPlanner(
      DnsLookup dns,
      RandomGenerator random,
      TlsLevel defaultLevel,
      Map<String, TlsLevel> overrides,
      StsPolicySource sts) {
    this(dns, random, defaultLevel, overrides, sts, DaneFailures.NONE);
  }

  /** A planner without MTA-STS: DANE and the levels alone. */
  public DeliveryPlanner(
      DnsLookup dns,
      RandomGenerator random,
      TlsLevel defaultLevel,
      Map<String, TlsLevel> overrides) {
    this(dns, random, defaultLevel, overrides, StsPolicySource.NONE, DaneFailures.NONE);
  }

  /** The plan for a recipient domain: its MX hosts on port 25, at its level. */
  public DeliveryPlan plan(String recipientDomain) {
    return plan(recipientDomain, NextHop.domain(recipientDomain, NextHop.SMTP_PORT));
  }

  /** The plan for a next hop, at the level configured for the next hop's own name. */
  public DeliveryPlan plan(NextHop nextHop) {
    return plan(nextHop.domainText(), nextHop);
  }

  /**
   * The plan for a recipient domain routed to a next hop (a {@code delivery.routes} entry): the
   * level is the recipient domain's, the hosts and TLSA names are the next hop's.
   */
  public DeliveryPlan plan(String recipientDomain, NextHop nextHop) {
    return plan(
        nextHop,
        levelFor(recipientDomain),
        stsFor(recipientDomain, nextHop),
        reportingTo(recipientDomain, nextHop));
  }

  /**
   * The plan for a message that carries {@code TLS-Required: No} (RFC 8689 5), which asks that the
   * recipient's policies be waived: the MTA-STS policy is, DANE is not. DANE-RULES 6: no later
   * policy layer, and no header a sender writes, overrides a DANE verdict or makes a host with
   * usable TLSA records take mail in plaintext.
   */
  public DeliveryPlan planWithoutMtaSts(String recipientDomain, NextHop nextHop) {
    return plan(
        nextHop,
        levelFor(recipientDomain),
        () -> new StsVerdict.NoPolicy("waived by TLS-Required: No"),
        Skipped.UNREPORTED); // such mail is a TLSRPT report itself: no report about a report
  }

  /**
   * Where a plan for {@code recipientDomain} tells of the hosts it leaves out, and why: only for
   * the domain's own MX hosts. A route is the postmaster's choice, and its hosts are no business of
   * the recipient domain's reports (as for MTA-STS, {@link #stsFor}).
   */
  private Skipped reportingTo(String recipientDomain, NextHop nextHop) {
    String domain = normalize(recipientDomain);
    if (!nextHop.mxLookup() || !nextHop.domainText().equals(domain)) {
      return Skipped.UNREPORTED;
    }
    return (host, trouble) ->
        trouble.resultType().ifPresent(type -> failures.failed(domain, host, type));
  }

  /** Told of each host a plan leaves out, or of the MX lookup ({@code host} empty). */
  @FunctionalInterface
  private interface Skipped {
    Skipped UNREPORTED = (host, trouble) -> {};

    void skipped(String host, Skip.Trouble trouble);
  }

  /**
   * The recipient domain's MTA-STS verdict, asked at most once and only when called: MTA-STS covers
   * the domain's own MX hosts, not a route the postmaster configured (RFC 8461 4).
   */
  private Supplier<StsVerdict> stsFor(String recipientDomain, NextHop nextHop) {
    String domain = normalize(recipientDomain);
    if (!nextHop.mxLookup() || !nextHop.domainText().equals(domain)) {
      return () -> new StsVerdict.NoPolicy("next hop " + nextHop.domainText() + " is a route");
    }
    return new Supplier<>() {
      private StsVerdict verdict;

      @Override
      public StsVerdict get() {
        if (verdict == null) {
          verdict = sts.policyFor(domain);
        }
        return verdict;
      }
    };
  }

  /** The level for a recipient domain: its override, else the default. */
  public TlsLevel levelFor(String recipientDomain) {
    return overrides.getOrDefault(normalize(recipientDomain), defaultLevel);
  }

  private DeliveryPlan plan(
      NextHop nextHop, TlsLevel level, Supplier<StsVerdict> stsVerdict, Skipped skipped) {
    if (nextHop.address().isPresent()) {
      return AddressLiteralPolicy.plan(nextHop, level);
    }
    MxResolver.Hosts hosts;
    if (nextHop.mxLookup()) {
      MxResolver.Result result = mx.resolve(nextHop.name());
      if (result instanceof MxResolver.Final fin) {
        if (fin.bogus()) {
          skipped.skipped("", Skip.Trouble.DNSSEC);
        }
        return fin.plan();
      }
      hosts = (MxResolver.Hosts) result;
    } else {
      // DANE-RULES 3: a [host]:port next hop skips the MX lookup; only its addresses count.
      hosts = new MxResolver.Hosts(List.of(nextHop.name()), true, List.of());
    }
    List<Attempt> attempts = new ArrayList<>();
    List<String> notes = new ArrayList<>(hosts.notes());
    List<Skip> skips = new ArrayList<>();
    for (Name host : hosts.names()) {
      AddressResolver.Result found = addresses.resolve(host);
      HostPolicy.Decision decision =
          found instanceof AddressResolver.Found f
              ? hostPolicy.decide(level, nextHop, f, stsVerdict)
              : null;
      Skip skip = found instanceof Skip s ? s : decision instanceof Skip s ? s : null;
      if (skip != null) {
        skips.add(skip);
        notes.add(skip.note());
        skipped.skipped(PlanNames.text(host), skip.trouble());
        continue;
      }
      AddressResolver.Found f = (AddressResolver.Found) found;
      TlsRequirement requirement = ((HostPolicy.Use) decision).requirement();
      // DANE-RULES 2, 7: "(DNSSEC)" only when the MX and the address lookups were all secure;
      // an insecure MX RRset does not stop DANE for a secure host, but the log must not claim it.
      boolean dnssec = hosts.secure() && f.security() == Security.SECURE;
      for (InetAddress address : f.addresses()) {
        attempts.add(new Attempt(host, f.expanded(), address, nextHop.port(), requirement, dnssec));
      }
    }
    if (attempts.isEmpty()) {
      String code =
          skips.stream()
              .map(Skip::trouble)
              .min(Comparator.naturalOrder())
              .orElse(Skip.Trouble.NO_ROUTE)
              .code;
      return new DeliveryPlan.Defer(
          code
              + " no host of "
              + nextHop.domainText()
              + " left to try: "
              + String.join("; ", notes));
    }
    return new DeliveryPlan.TryInOrder(attempts, notes);
  }

  private static String normalize(String domain) {
    String d = domain.strip().toLowerCase(Locale.ROOT);
    return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
  }
}
