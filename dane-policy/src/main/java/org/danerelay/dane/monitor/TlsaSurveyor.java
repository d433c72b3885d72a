package org.danerelay.dane.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.danerelay.dane.authority.AuthoritySurvey;
import org.danerelay.dane.authority.RrsetSurvey;
import org.danerelay.dane.authority.ServerAnswer;
import org.danerelay.dane.dns.DnsAnswer;
import org.danerelay.dane.dns.DnsLookup;
import org.danerelay.dane.dns.Outcome;
import org.danerelay.dane.dns.Security;
import org.danerelay.dane.policy.TlsaUsability;
import org.danerelay.dane.tlsa.TlsaRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.Record;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Finds a host's secure TLSA RRset where a sender would (RFC 7672 2.2.3), asks every authoritative
 * server of its zone for it, and notes the DNS checks that fail: lookup, presence, usability, TTL,
 * agreement between the servers.
 */
final class TlsaSurveyor {

  /** The how-to: "A TTL between 30 minutes (1800) and 1 hour (3600) is recommended." */
  static final long TTL_MIN = 1800;

  static final long TTL_MAX = 3600;

  /** The RRset found (if any) and the status of the last TLSA lookup made (if any). */
  record Result(Optional<TlsaFacts> facts, Optional<Security> security) {}

  private final DnsLookup dns;
  private final AuthoritySurvey authority;
  private final int port;

  TlsaSurveyor(DnsLookup dns, AuthoritySurvey authority, int port) {
    this.dns = dns;
    this.authority = authority;
    this.port = port;
  }

  Result survey(Name host, Name expanded, List<Finding> findings) {
    // RFC 7672 2.2.3: the expanded name of a secure CNAME chain first, then the original name.
    List<Name> candidates = expanded.equals(host) ? List.of(host) : List.of(expanded, host);
    List<String> tried = new ArrayList<>();
    Optional<Security> last = Optional.empty();
    for (Name candidate : candidates) {
      Name owner;
      try {
        owner = Name.concatenate(Name.fromString("_" + port + "._tcp"), candidate);
      } catch (NameTooLongException | TextParseException e) {
        findings.add(new Finding(Check.TLSA_LOOKUP, "no TLSA name fits under " + candidate));
        return new Result(Optional.empty(), last);
      }
      DnsAnswer answer = dns.lookup(owner, Type.TLSA);
      last = Optional.of(answer.security());
      String at = DnsText.name(owner);
      if (answer.isFailure()) {
        findings.add(
            new Finding(
                Check.TLSA_LOOKUP,
                "TLSA lookup at "
                    + at
                    + " failed ("
                    + DnsText.status(answer)
                    + "): senders must not contact "
                    + DnsText.name(host)
                    + " (RFC 7672 2.2.3)"));
        return new Result(Optional.empty(), last);
      }
      if (!answer.isSecure() || answer.outcome() != Outcome.RECORDS) {
        tried.add(at + " " + (answer.isSecure() ? DnsText.status(answer) : "insecure"));
        continue;
      }
      return new Result(Optional.of(found(owner, candidate, answer, findings)), last);
    }
    findings.add(
        new Finding(
            Check.TLSA_PRESENT,
            "no secure TLSA records for "
                + DnsText.name(host)
                + " ("
                + String.join(", ", tried)
                + ")"));
    return new Result(Optional.empty(), last);
  }

  private TlsaFacts found(Name owner, Name base, DnsAnswer answer, List<Finding> findings) {
    List<TlsaRecord> records = new ArrayList<>();
    for (Record r : answer.records()) {
      if (r instanceof TLSARecord t) {
        records.add(
            new TlsaRecord(
                t.getCertificateUsage(),
                t.getSelector(),
                t.getMatchingType(),
                t.getCertificateAssociationData()));
      }
    }
    List<TlsaRecord> usable = TlsaUsability.select(records);
    String at = DnsText.name(owner);
    if (usable.isEmpty()) {
      findings.add(
          new Finding(
              Check.TLSA_USABLE,
              "none of the "
                  + records.size()
                  + " TLSA records at "
                  + at
                  + " is usable for SMTP (usage 2 or 3, selector 0 or 1, matching type 0, 1 or 2;"
                  + " RFC 7672 3.1.3)"));
    }
    RrsetSurvey survey = authority.survey(owner, Type.TLSA);
    long ttl = survey.maxTtlSeconds() > 0 ? survey.maxTtlSeconds() : answer.ttlSeconds();
    if (ttl < TTL_MIN || ttl > TTL_MAX) {
      findings.add(
          new Finding(
              Check.TLSA_TTL,
              "TLSA TTL at "
                  + at
                  + " is "
                  + ttl
                  + " s; the how-to advises "
                  + TTL_MIN
                  + " to "
                  + TTL_MAX
                  + " s"));
    }
    checkServers(survey, at, findings);
    return new TlsaFacts(owner, base, records, usable, ttl, Optional.of(survey));
  }

  /** The how-to: every authoritative server must give the same records; ask each directly. */
  private static void checkServers(RrsetSurvey survey, String at, List<Finding> findings) {
    if (!survey.problem().isEmpty()) {
      findings.add(
          new Finding(
              Check.AUTHORITY_ANSWERS,
              "could not ask the authoritative servers for " + at + ": " + survey.problem()));
      return;
    }
    if (!survey.complete()) {
      findings.add(
          new Finding(
              Check.AUTHORITY_ANSWERS,
              "not every authoritative server answered for "
                  + at
                  + ": "
                  + survey.answers().stream()
                      .filter(a -> !a.answered())
                      .map(ServerAnswer::describe)
                      .collect(Collectors.joining("; "))));
    }
    boolean differ =
        survey.answers().stream()
                .filter(ServerAnswer::answered)
                .map(ServerAnswer::rdata)
                .distinct()
                .count()
            > 1;
    if (differ) {
      findings.add(
          new Finding(
              Check.AUTHORITY_CONSISTENT,
              "the authoritative servers disagree on "
                  + at
                  + ": "
                  + survey.answers().stream()
                      .filter(ServerAnswer::answered)
                      .map(ServerAnswer::describe)
                      .collect(Collectors.joining("; "))));
    }
  }
}
