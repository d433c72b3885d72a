package org.danerelay.queue;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * How many delivery sessions of one UTC day ended one way, for one recipient domain, policy and
 * receiving host: a row of the TLSRPT tally (RFC 8460 4.4).
 *
 * @param day the UTC day of the sessions
 * @param policyDomain the recipient domain, lower case
 * @param policyType {@code tlsa}, {@code sts} or {@code no-policy-found}
 * @param policyString the policy's lines (TLSA records, the MTA-STS policy), LF between them
 * @param mxPatterns for {@code sts}: the policy's mx lines, LF between them; else empty
 * @param mxHost the receiving MX host name
 * @param receivingIp the receiving MX host's address
 * @param sendingIp this relay's address on the connections (sending-mta-ip)
 * @param resultType empty for success, else an RFC 8460 4.3 result-type
 * @param sessions how many sessions
 */
public record TlsRptCount(
    LocalDate day,
    String policyDomain,
    String policyType,
    String policyString,
    String mxPatterns,
    String mxHost,
    String receivingIp,
    String sendingIp,
    String resultType,
    long sessions) {

  public TlsRptCount {
    Objects.requireNonNull(day, "day");
    policyDomain = policyDomain.toLowerCase(Locale.ROOT);
    Objects.requireNonNull(policyType, "policyType");
    Objects.requireNonNull(policyString, "policyString");
    Objects.requireNonNull(mxPatterns, "mxPatterns");
    Objects.requireNonNull(mxHost, "mxHost");
    Objects.requireNonNull(receivingIp, "receivingIp");
    Objects.requireNonNull(sendingIp, "sendingIp");
    Objects.requireNonNull(resultType, "resultType");
    if (sessions < 1) {
      throw new IllegalArgumentException("a count is at least 1: " + sessions);
    }
  }

  /** Whether these sessions succeeded. */
  public boolean successful() {
    return resultType.isEmpty();
  }

  /** The same key with {@code n} sessions. */
  public TlsRptCount withSessions(long n) {
    return new TlsRptCount(
        day,
        policyDomain,
        policyType,
        policyString,
        mxPatterns,
        mxHost,
        receivingIp,
        sendingIp,
        resultType,
        n);
  }
}
