package org.danerelay.dane.dns;

import java.util.List;
import java.util.Objects;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;

/**
 * One lookup's result: the records of the asked type at the end of any CNAME chain, what was found,
 * and how secure the whole chain is.
 *
 * @param query the name asked for
 * @param type the record type asked for ({@link org.xbill.DNS.Type})
 * @param canonicalName the name at the end of the CNAME chain ({@code query} without aliases)
 * @param aliases every CNAME owner followed, in order (empty without aliases)
 * @param records the records of {@code type} at {@code canonicalName}; empty unless RECORDS
 * @param outcome RECORDS, NODATA, NXDOMAIN or FAILURE
 * @param security the weakest status of every link in the chain
 * @param ttlSeconds how long this answer may be cached (the smallest TTL in the chain)
 * @param reason why, for FAILURE, BOGUS and INDETERMINATE; empty otherwise
 */
public record DnsAnswer(
    Name query,
    int type,
    Name canonicalName,
    List<Name> aliases,
    List<Record> records,
    Outcome outcome,
    Security security,
    long ttlSeconds,
    String reason) {

  public DnsAnswer {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(canonicalName, "canonicalName");
    aliases = List.copyOf(aliases);
    records = List.copyOf(records);
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(reason, "reason");
    if (outcome != Outcome.RECORDS && !records.isEmpty()) {
      throw new IllegalArgumentException(outcome + " answer with records");
    }
  }

  /** A failed lookup: nothing is known, so nothing is secure. */
  public static DnsAnswer failure(Name query, int type, String reason) {
    return new DnsAnswer(
        query,
        type,
        query,
        List.of(),
        List.of(),
        Outcome.FAILURE,
        Security.INDETERMINATE,
        0,
        reason);
  }

  /** True when DANE may rely on this answer: SECURE and not a failure. */
  public boolean isSecure() {
    return security == Security.SECURE && outcome != Outcome.FAILURE;
  }

  /**
   * The TXT records' texts, each record's character-strings joined (RFC 7208 3.3), as the {@code
   * _mta-sts} and {@code _smtp._tls} records are read; none when the lookup failed or its data
   * cannot be trusted (a BOGUS answer is an attack, not a policy).
   */
  public List<String> trustedTexts() {
    if (isFailure()) {
      return List.of();
    }
    return records.stream()
        .filter(TXTRecord.class::isInstance)
        .map(r -> String.join("", ((TXTRecord) r).getStrings()))
        .toList();
  }

  /** True when the lookup failed or its data cannot be trusted (BOGUS, INDETERMINATE). */
  public boolean isFailure() {
    return outcome == Outcome.FAILURE || security.isFailure();
  }
}
