package org.danerelay.dane.monitor;

import java.util.Locale;

/**
 * How bad a finding is, in the Nagios plugin convention so that cron and monitoring systems can act
 * on the exit code: 0 OK, 1 WARNING, 2 CRITICAL.
 */
public enum Severity {
  OK(0),
  WARNING(1),
  CRITICAL(2);

  private final int exitCode;

  Severity(int exitCode) {
    this.exitCode = exitCode;
  }

  /** The process exit code for a report with this overall status. */
  public int exitCode() {
    return exitCode;
  }

  /** The worse of two severities: a report is as bad as its worst finding. */
  public Severity worse(Severity other) {
    return compareTo(other) >= 0 ? this : other;
  }

  /** {@code ok}, {@code warning}, {@code critical}: the form in JSON and tables. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
