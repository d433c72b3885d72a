package org.danerelay.dane.monitor;

import java.util.Objects;

/**
 * One failed check and what exactly failed.
 *
 * @param check the check that failed; its row gives the severity
 * @param detail one sentence for the operator, naming the record, server or date concerned
 */
public record Finding(Check check, String detail) {

  public Finding {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(detail, "detail");
  }

  public Severity severity() {
    return check.severity();
  }

  /** {@code critical tlsa-match: detail}: one line for the table. */
  @Override
  public String toString() {
    return severity().label() + " " + check.id() + ": " + detail;
  }
}
