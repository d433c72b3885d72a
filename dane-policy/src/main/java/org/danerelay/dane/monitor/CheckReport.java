package org.danerelay.dane.monitor;

import java.util.List;
import java.util.Objects;

/**
 * Everything {@code dane check} found for one mail domain: domain-wide findings, and one entry per
 * host, address and served key.
 *
 * @param domain the domain checked, lower case, no trailing dot
 * @param findings checks that failed for the whole domain (the MX lookup)
 * @param entries one per host, address and key algorithm served
 */
public record CheckReport(String domain, List<Finding> findings, List<CheckEntry> entries) {

  public CheckReport {
    Objects.requireNonNull(domain, "domain");
    findings = List.copyOf(findings);
    entries = List.copyOf(entries);
  }

  /** The worst of every finding: the exit code a monitoring system acts on. */
  public Severity status() {
    Severity worst = findings.stream().map(Finding::severity).reduce(Severity.OK, Severity::worse);
    return entries.stream().map(CheckEntry::status).reduce(worst, Severity::worse);
  }

  /** How many entries have {@code status}. */
  public long count(Severity status) {
    return entries.stream().filter(e -> e.status() == status).count();
  }
}
