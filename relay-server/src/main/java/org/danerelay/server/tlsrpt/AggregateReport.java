package org.danerelay.server.tlsrpt;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.danerelay.queue.TlsRptCount;

/**
 * One domain's aggregate report for one UTC day (RFC 8460 4.4): who reports, the day, and per
 * policy the session counts and the failures by result-type and receiving host.
 *
 * @param organization organization-name
 * @param submitter the submitter domain (RFC 8460 5.1): the relay's host name
 * @param contact contact-info
 * @param reportId report-id
 * @param domain the policy domain reported on
 * @param start the day's first second
 * @param end the day's last second
 * @param policies one entry per policy seen that day
 */
record AggregateReport(
    String organization,
    String submitter,
    String contact,
    String reportId,
    String domain,
    Instant start,
    Instant end,
    List<PolicyResults> policies) {

  /** One policy's sessions (RFC 8460 4.4 "policies" entry). */
  record PolicyResults(
      String type,
      List<String> policyString,
      List<String> mxHosts,
      long successes,
      long failures,
      List<TlsRptCount> failureDetails) {}

  AggregateReport {
    Objects.requireNonNull(domain, "domain");
    policies = List.copyOf(policies);
  }

  /** The report of {@code counts}, all of one domain and day. */
  static AggregateReport of(
      String organization,
      String submitter,
      String contact,
      String domain,
      LocalDate day,
      List<TlsRptCount> counts) {
    Map<List<String>, List<TlsRptCount>> byPolicy = new LinkedHashMap<>();
    for (TlsRptCount count : counts) {
      List<String> key = List.of(count.policyType(), count.policyString(), count.mxPatterns());
      byPolicy.computeIfAbsent(key, k -> new ArrayList<>()).add(count);
    }
    List<PolicyResults> policies = new ArrayList<>();
    byPolicy.forEach((key, rows) -> policies.add(results(key, rows)));
    Instant start = day.atStartOfDay().toInstant(ZoneOffset.UTC);
    return new AggregateReport(
        organization,
        submitter,
        contact,
        // RFC 8460 5.3: the Subject's <Report-ID> is a msg-id: id-left "@" id-right, no colon.
        day.toString().replace("-", "") + "." + domain + "@" + submitter,
        domain,
        start,
        start.plusSeconds(86_399),
        policies);
  }

  private static PolicyResults results(List<String> key, List<TlsRptCount> rows) {
    long successes = 0;
    long failures = 0;
    List<TlsRptCount> details = new ArrayList<>();
    LinkedHashSet<String> hosts = new LinkedHashSet<>();
    for (TlsRptCount row : rows) {
      hosts.add(row.mxHost());
      if (row.successful()) {
        successes += row.sessions();
      } else {
        failures += row.sessions();
        details.add(row);
      }
    }
    String type = key.get(0);
    // RFC 8460 4.4: for sts, mx-host lists the policy's mx patterns; for tlsa, the hosts reached.
    List<String> mx =
        type.equals("sts")
            ? lines(key.get(2))
            : type.equals("tlsa") ? List.copyOf(hosts) : List.of();
    return new PolicyResults(type, lines(key.get(1)), mx, successes, failures, details);
  }

  private static List<String> lines(String text) {
    return text.isEmpty() ? List.of() : List.of(text.split("\n"));
  }
}
