package org.danerelay.dane.policy;

import java.util.ArrayList;
import java.util.List;
import org.danerelay.dane.dns.DnsAnswer;
import org.danerelay.dane.dns.DnsLookup;
import org.danerelay.dane.dns.Outcome;
import org.danerelay.dane.tlsa.TlsaRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.Record;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Finds a DNSSEC-secure host's TLSA records and its TLSA base domain (RFC 7672 2.2.3). Only asked
 * for hosts whose address records are SECURE (DANE-RULES 3).
 */
final class TlsaResolver {

  /** Secure TLSA records, no secure TLSA records, or a failure that skips the host. */
  sealed interface Verdict permits Found, NoSecureTlsa, Skip {}

  /**
   * A secure TLSA RRset.
   *
   * @param base the TLSA base domain: the candidate host name where the records were found
   * @param usable the records usable for SMTP; empty means "encrypt" (RFC 7672 2.2)
   */
  record Found(Name base, List<TlsaRecord> usable) implements Verdict {
    Found {
      usable = List.copyOf(usable);
    }
  }

  /**
   * No candidate yielded secure TLSA records: no DANE for the host (RFC 7672 2.2.3).
   *
   * @param why for notes at levels that need DANE
   */
  record NoSecureTlsa(String why) implements Verdict {}

  private final DnsLookup dns;

  TlsaResolver(DnsLookup dns) {
    this.dns = dns;
  }

  Verdict resolve(AddressResolver.Found host, int port) {
    // RFC 7672 2.2.3: a host reached through a secure CNAME chain tries the fully expanded name
    // first, then the original name. Callers only ask for SECURE hosts, so the chain is secure.
    List<Name> candidates =
        host.aliased() ? List.of(host.expanded(), host.host()) : List.of(host.host());
    List<String> tried = new ArrayList<>();
    for (Name candidate : candidates) {
      Name owner;
      try {
        owner = Name.concatenate(Name.fromString("_" + port + "._tcp"), candidate);
      } catch (NameTooLongException | TextParseException e) {
        return new Skip(
            PlanNames.text(host.host()) + ": no TLSA name fits under " + candidate + ": skipped",
            Skip.Trouble.DNSSEC);
      }
      DnsAnswer answer = dns.lookup(owner, Type.TLSA);
      if (answer.isFailure()) {
        // RFC 7672 2.2.3: a bogus or failed TLSA lookup means the host MUST NOT be contacted; the
        // next candidate name is not a way around it.
        return new Skip(
            PlanNames.text(host.host())
                + ": TLSA lookup at "
                + PlanNames.text(owner)
                + " failed ("
                + PlanNames.status(answer)
                + "): never tried with less protection",
            Skip.Trouble.DNSSEC);
      }
      if (!answer.isSecure()) {
        // RFC 7672 2.2.3: an insecure record on the way (an unsigned CNAME link, an unsigned
        // zone) is as good as no TLSA records: try the next candidate.
        tried.add(PlanNames.text(owner) + " insecure");
        continue;
      }
      if (answer.outcome() != Outcome.RECORDS) {
        tried.add(PlanNames.text(owner) + " " + answer.outcome());
        continue;
      }
      // RFC 7672 2.2.3: the first candidate with a secure TLSA RRset is the TLSA base domain.
      List<TlsaRecord> rrset = new ArrayList<>();
      for (Record r : answer.records()) {
        if (r instanceof TLSARecord t) {
          rrset.add(
              new TlsaRecord(
                  t.getCertificateUsage(),
                  t.getSelector(),
                  t.getMatchingType(),
                  t.getCertificateAssociationData()));
        }
      }
      return new Found(candidate, TlsaUsability.select(rrset));
    }
    return new NoSecureTlsa("no secure TLSA records (" + String.join(", ", tried) + ")");
  }
}
