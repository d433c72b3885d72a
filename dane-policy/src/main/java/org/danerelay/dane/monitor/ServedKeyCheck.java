package org.danerelay.dane.monitor;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.danerelay.dane.authority.ServerAnswer;
import org.danerelay.dane.publish.TlsaGenerator;
import org.danerelay.dane.tlsa.TlsaRecord;
import org.danerelay.dane.verify.DaneVerdict;
import org.danerelay.dane.verify.DaneVerifier;

/**
 * Judges one chain an address served against its host's TLSA records, against each authoritative
 * server's copy of them, and against the calendar: a pure function of the chain, the facts and the
 * time, with {@link DaneVerifier} deciding every match as a sender would.
 */
final class ServedKeyCheck {

  /** Expired or within a week: critical. DANE-EE senders ignore the date; others may not. */
  static final long EXPIRED_DAYS = 7;

  /** Within a month: time to renew, and to publish the next key's record first. */
  static final long EXPIRING_DAYS = 30;

  private static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

  private final DaneVerifier verifier = new DaneVerifier();

  /**
   * @param host the host's DNS facts
   * @param served what the address presented
   * @param hostChains every chain any address of the host served, for the rollover check
   * @param now the time of the check
   */
  ServedKey judge(
      HostFacts host,
      ProbeOutcome.Served served,
      List<List<X509Certificate>> hostChains,
      Instant now,
      List<Finding> findings) {
    X509Certificate leaf = served.leaf();
    TlsaRecord own = TlsaGenerator.forCertificate(leaf, 3, 1, 1);
    String algorithm = KeyAlgorithm.of(leaf.getPublicKey());
    if (!PROTOCOLS.contains(served.protocol())) {
      findings.add(
          new Finding(
              Check.TLS_HANDSHAKE,
              served.protocol() + " negotiated; TLS 1.2 or later is required"));
    }
    List<TlsaRecord> usable = host.tlsa().map(TlsaFacts::usable).orElse(List.of());
    Optional<TlsaRecord> matched = Optional.empty();
    String how = "no secure TLSA records";
    if (!usable.isEmpty()) {
      DaneVerdict verdict = verify(host, served.chain(), usable, now);
      if (verdict instanceof DaneVerdict.Authenticated ok) {
        matched = Optional.of(ok.matched());
        how = "matched " + ok.matched().shortForm() + ": " + ok.how();
      } else {
        how = ((DaneVerdict.NotAuthenticated) verdict).reason();
        findings.add(
            new Finding(
                Check.TLSA_MATCH,
                "no usable TLSA record matches the "
                    + algorithm
                    + " key served ("
                    + how
                    + "); its record would be "
                    + own));
      }
    }
    List<AuthorityCopy> copies = copies(host, served, now, matched.isPresent(), findings);
    long days = daysLeft(leaf, now);
    checkExpiry(leaf, days, findings);
    matched.ifPresent(
        record -> checkRollover(host, served, record, usable, hostChains, now, findings));
    return new ServedKey(
        served.protocol(),
        served.cipher(),
        leaf.getSubjectX500Principal().getName(),
        own,
        matched,
        how,
        days,
        copies);
  }

  /** The how-to: "explicit queries against all the servers", each copy judged on its own. */
  private List<AuthorityCopy> copies(
      HostFacts host,
      ProbeOutcome.Served served,
      Instant now,
      boolean matched,
      List<Finding> findings) {
    List<AuthorityCopy> copies = new ArrayList<>();
    var survey = host.tlsa().flatMap(TlsaFacts::authority);
    if (survey.isEmpty()) {
      return copies;
    }
    for (ServerAnswer answer : survey.get().answers()) {
      Optional<Boolean> matches = Optional.empty();
      if (answer.answered()) {
        List<TlsaRecord> records =
            answer.rdata().stream().filter(r -> !r.startsWith("cname ")).map(this::parse).toList();
        matches = Optional.of(verify(host, served.chain(), records, now).isAuthenticated());
        if (matched && !matches.get()) {
          findings.add(
              new Finding(
                  Check.AUTHORITY_MATCH,
                  answer.describe()
                      + ": this copy does not match the "
                      + KeyAlgorithm.of(served.leaf().getPublicKey())
                      + " key served; senders whose resolver asks this server cannot deliver"));
        }
      }
      copies.add(
          new AuthorityCopy(
              DnsText.name(answer.server()) + ".",
              Optional.ofNullable(answer.address()),
              answer.describe(),
              answer.rdata(),
              matches));
    }
    return copies;
  }

  private TlsaRecord parse(String rdata) {
    try {
      return TlsaRecord.parse(rdata);
    } catch (IllegalArgumentException e) {
      return new TlsaRecord(255, 255, 255, new byte[0]); // unusable: matches nothing
    }
  }

  private static void checkExpiry(X509Certificate leaf, long days, List<Finding> findings) {
    LocalDate end = LocalDate.ofInstant(leaf.getNotAfter().toInstant(), ZoneOffset.UTC);
    String when = days < 0 ? "expired on " + end : "expires on " + end + " (in " + days + " days)";
    if (days < EXPIRED_DAYS) {
      findings.add(
          new Finding(
              Check.CERTIFICATE_EXPIRED,
              "the certificate "
                  + when
                  + "; DANE-EE senders ignore the date (RFC 7672 3.1.1), others do not"));
    } else if (days < EXPIRING_DAYS) {
      findings.add(new Finding(Check.CERTIFICATE_EXPIRING, "the certificate " + when));
    }
  }

  /**
   * The how-to's rollover schemes: beside the record that matches, either another record that also
   * matches this chain (current + issuer: a {@code 2 1 1}), or one that matches no key the host
   * serves yet (current + next: the next key's {@code 3 1 1}).
   */
  private void checkRollover(
      HostFacts host,
      ProbeOutcome.Served served,
      TlsaRecord matched,
      List<TlsaRecord> usable,
      List<List<X509Certificate>> hostChains,
      Instant now,
      List<Finding> findings) {
    for (TlsaRecord other : usable) {
      if (other.equals(matched)) {
        continue;
      }
      List<TlsaRecord> alone = List.of(other);
      boolean alsoThis = verify(host, served.chain(), alone, now).isAuthenticated();
      boolean nextKey =
          hostChains.stream().noneMatch(c -> verify(host, c, alone, now).isAuthenticated());
      if (alsoThis || nextKey) {
        return;
      }
    }
    findings.add(
        new Finding(
            Check.TLSA_ROLLOVER,
            "only "
                + matched.shortForm()
                + " covers the "
                + KeyAlgorithm.of(served.leaf().getPublicKey())
                + " key: publish the next key's 3 1 1 or the issuer's 2 1 1 record beside it"
                + " (the how-to's current + next, current + issuer)"));
  }

  private DaneVerdict verify(
      HostFacts host, List<X509Certificate> chain, List<TlsaRecord> records, Instant now) {
    return verifier.verify(chain, records, host.referenceIdentifiers(), now);
  }

  private static long daysLeft(X509Certificate leaf, Instant now) {
    long seconds = Duration.between(now, leaf.getNotAfter().toInstant()).getSeconds();
    return Math.floorDiv(seconds, Duration.ofDays(1).getSeconds());
  }
}
