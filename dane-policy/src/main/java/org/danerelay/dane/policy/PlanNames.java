package org.danerelay.dane.policy;

import java.util.Locale;
import org.danerelay.dane.dns.DnsAnswer;
import org.xbill.DNS.Name;

/** How names appear in identifiers, notes and log text: lower case, without the trailing dot. */
final class PlanNames {

  private PlanNames() {}

  static String text(Name name) {
    return name.toString(true).toLowerCase(Locale.ROOT);
  }

  /** What went wrong with an answer, for notes: {@code BOGUS: reason} or {@code FAILURE: ...}. */
  static String status(DnsAnswer answer) {
    String what =
        answer.security().isFailure() ? answer.security().name() : answer.outcome().name();
    return answer.reason().isEmpty() ? what : what + ": " + answer.reason();
  }
}
