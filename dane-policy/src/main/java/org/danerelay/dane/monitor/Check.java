package org.danerelay.dane.monitor;

/**
 * The checks {@code dane check} runs and how bad each failure is: one row each, so that the policy
 * is read in one place. A passed check produces no finding; a failed one produces a {@link Finding}
 * with the row's severity.
 *
 * <p>Critical: a DANE sender would not deliver to that address (RFC 7672 2.2, 3), or soon will not.
 * Warning: mail flows today, but the how-to's advice for safe operation and rollover is not
 * followed, or some senders may see stale data.
 */
public enum Check {
  /** RFC 7672 2.2.1: a failed or bogus MX lookup defers all mail for the domain. */
  MX_LOOKUP("mx-lookup", Severity.CRITICAL),
  /** RFC 7505, RFC 5321 5.1: null MX, no such domain, or MX records that name no host. */
  MX_HOSTS("mx-hosts", Severity.CRITICAL),
  /**
   * RFC 7672 2.2.1: an unsigned MX RRset lets an attacker redirect mail, and senders MAY skip DANE
   * for its hosts: a domain meant to be protected by DANE needs a signed MX RRset.
   */
  MX_DNSSEC("mx-dnssec", Severity.CRITICAL),
  /** A failed or bogus address lookup, or a host without addresses: senders skip the host. */
  ADDRESS_LOOKUP("address-lookup", Severity.CRITICAL),
  /** DANE-RULES 3: senders look up no TLSA records for a host whose addresses are unsigned. */
  ADDRESS_DNSSEC("address-dnssec", Severity.CRITICAL),
  /** RFC 7672 2.2.3: a failed or bogus TLSA lookup means senders must not contact the host. */
  TLSA_LOOKUP("tlsa-lookup", Severity.CRITICAL),
  /** No secure TLSA RRset at the host: no DANE for it, which is what this monitor checks. */
  TLSA_PRESENT("tlsa-present", Severity.CRITICAL),
  /** RFC 7672 3.1.3: records exist but none is usable; senders encrypt without authenticating. */
  TLSA_USABLE("tlsa-usable", Severity.CRITICAL),
  /** The address does not accept an SMTP connection or does not greet with 220. */
  CONNECT("connect", Severity.CRITICAL),
  /** RFC 7672 2.2: with TLSA records, STARTTLS is mandatory; its absence stops DANE senders. */
  STARTTLS("starttls", Severity.CRITICAL),
  /** DANE-RULES 5: the TLS handshake fails, or gives less than TLS 1.2. */
  TLS_HANDSHAKE("tls-handshake", Severity.CRITICAL),
  /** RFC 7672 3: no usable TLSA record matches the chain the server presents. */
  TLSA_MATCH("tlsa-match", Severity.CRITICAL),
  /**
   * An authoritative name server of the TLSA zone serves records that do not match this key:
   * senders whose resolver asks that server fail (the how-to: check every server directly).
   */
  AUTHORITY_MATCH("authority-match", Severity.CRITICAL),
  /** The authoritative servers disagree on the TLSA RRset, but each copy still matches. */
  AUTHORITY_CONSISTENT("authority-consistent", Severity.WARNING),
  /** Some authoritative server could not be asked or gave no authoritative answer. */
  AUTHORITY_ANSWERS("authority-answers", Severity.WARNING),
  /** The certificate has expired or expires within a week. */
  CERTIFICATE_EXPIRED("certificate-expired", Severity.CRITICAL),
  /** The certificate expires within 30 days. */
  CERTIFICATE_EXPIRING("certificate-expiring", Severity.WARNING),
  /** The how-to: a TLSA TTL between 1800 and 3600 seconds, so that changes apply fast enough. */
  TLSA_TTL("tlsa-ttl", Severity.WARNING),
  /**
   * The how-to's rollover schemes: always two records per key (current + next, or current +
   * issuer); with one, the next key change breaks delivery for senders with cached records.
   */
  TLSA_ROLLOVER("tlsa-rollover", Severity.WARNING);

  private final String id;
  private final Severity severity;

  Check(String id, Severity severity) {
    this.id = id;
    this.severity = severity;
  }

  /** The stable name in JSON and tables, e.g. {@code tlsa-match}. */
  public String id() {
    return id;
  }

  /** How bad a failure of this check is. */
  public Severity severity() {
    return severity;
  }
}
