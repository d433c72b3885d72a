package org.danerelay.dane.monitor;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.xbill.DNS.Name;

/**
 * Checks a mail domain's inbound DANE as the how-to's monitoring advice asks: every MX host, every
 * IPv6 and IPv4 address, every public key algorithm the server offers; DNS first ({@link
 * DnsSurveyor}), then one probe per address and algorithm ({@link Prober}), then each served key
 * judged ({@link ServedKeyCheck}).
 *
 * <p>A server with one key answers both probes with it: entries are per key served, not per probe.
 * A probe the server refuses with a handshake alert, while another probe of that address succeeds,
 * means "no key of that algorithm" and is no finding.
 */
public final class DaneCheck {

  private final DnsSurveyor dns;
  private final Prober prober;
  private final int port;
  private final Clock clock;
  private final ServedKeyCheck keys = new ServedKeyCheck();

  /**
   * @param dns reads the domain's DNS
   * @param prober connects to each address
   * @param port the SMTP port (25), the same the surveyor names the TLSA records by
   * @param clock for certificate expiry and DANE-TA validity
   */
  public DaneCheck(DnsSurveyor dns, Prober prober, int port, Clock clock) {
    this.dns = Objects.requireNonNull(dns, "dns");
    this.prober = Objects.requireNonNull(prober, "prober");
    this.port = port;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public CheckReport run(Name domain) {
    DomainFacts facts = dns.survey(domain);
    List<CheckEntry> entries = new ArrayList<>();
    for (HostFacts host : facts.hosts()) {
      entries.addAll(checkHost(facts, host));
    }
    return new CheckReport(DnsText.name(domain), facts.findings(), entries);
  }

  private List<CheckEntry> checkHost(DomainFacts domain, HostFacts host) {
    Dnssec dnssec = new Dnssec(domain.mxSecurity(), host.addressSecurity(), host.tlsaSecurity());
    OptionalLong ttl =
        host.tlsa().map(t -> OptionalLong.of(t.ttlSeconds())).orElse(OptionalLong.empty());
    Entries entries = new Entries(host, dnssec, ttl);
    if (host.addresses().isEmpty()) {
      entries.add(
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());
      return entries.list;
    }
    Map<InetAddress, List<Probe>> probes = new LinkedHashMap<>();
    List<List<X509Certificate>> chains = new ArrayList<>();
    for (InetAddress address : host.addresses()) {
      List<Probe> done = new ArrayList<>();
      for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
        ProbeOutcome outcome = prober.probe(address, port, host.serverName(), algorithm);
        done.add(new Probe(algorithm, outcome));
        if (outcome instanceof ProbeOutcome.Served served) {
          chains.add(served.chain());
        }
        if (outcome instanceof ProbeOutcome.Unreachable
            || outcome instanceof ProbeOutcome.NoStarttls) {
          break; // the next algorithm would meet the same wall
        }
      }
      probes.put(address, done);
    }
    Instant now = clock.instant();
    probes.forEach((address, done) -> checkAddress(entries, address, done, chains, now));
    return entries.list;
  }

  private void checkAddress(
      Entries entries,
      InetAddress address,
      List<Probe> done,
      List<List<X509Certificate>> chains,
      Instant now) {
    Optional<InetAddress> at = Optional.of(address);
    boolean anyServed = done.stream().anyMatch(p -> p.outcome() instanceof ProbeOutcome.Served);
    List<byte[]> keysSeen = new ArrayList<>();
    for (Probe probe : done) {
      ProbeOutcome outcome = probe.outcome();
      if (outcome instanceof ProbeOutcome.Unreachable u) {
        entries.add(at, none(), none(), none(), List.of(new Finding(Check.CONNECT, u.reason())));
      } else if (outcome instanceof ProbeOutcome.NoStarttls n) {
        entries.add(
            at,
            none(),
            Optional.of(false),
            none(),
            List.of(new Finding(Check.STARTTLS, n.reason())));
      } else if (outcome instanceof ProbeOutcome.HandshakeFailed h) {
        if (!(h.algorithmRefused() && anyServed)) {
          entries.add(
              at,
              Optional.of(probe.algorithm().name()),
              Optional.of(true),
              none(),
              List.of(new Finding(Check.TLS_HANDSHAKE, h.reason())));
        }
      } else if (outcome instanceof ProbeOutcome.Served s) {
        byte[] key = s.leaf().getPublicKey().getEncoded();
        if (keysSeen.stream().noneMatch(k -> Arrays.equals(k, key))) {
          keysSeen.add(key); // a server with one key answers both probes with it
          List<Finding> findings = new ArrayList<>();
          ServedKey judged = keys.judge(entries.host, s, chains, now, findings);
          entries.add(
              at,
              Optional.of(KeyAlgorithm.of(s.leaf().getPublicKey())),
              Optional.of(true),
              Optional.of(judged),
              findings);
        }
      }
    }
  }

  private static <T> Optional<T> none() {
    return Optional.empty();
  }

  private record Probe(KeyAlgorithm algorithm, ProbeOutcome outcome) {}

  /** Collects a host's entries, each with the host's DNS findings first. */
  private static final class Entries {
    private final HostFacts host;
    private final Dnssec dnssec;
    private final OptionalLong ttl;
    private final List<CheckEntry> list = new ArrayList<>();

    Entries(HostFacts host, Dnssec dnssec, OptionalLong ttl) {
      this.host = host;
      this.dnssec = dnssec;
      this.ttl = ttl;
    }

    void add(
        Optional<InetAddress> address,
        Optional<String> algorithm,
        Optional<Boolean> starttls,
        Optional<ServedKey> served,
        List<Finding> own) {
      List<Finding> findings = new ArrayList<>(host.findings());
      findings.addAll(own);
      list.add(
          new CheckEntry(
              DnsText.name(host.host()),
              address,
              algorithm,
              starttls,
              served,
              ttl,
              dnssec,
              findings));
    }
  }
}
