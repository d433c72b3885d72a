package org.danerelay.dane.monitor;

import java.util.Locale;
import org.danerelay.dane.dns.DnsAnswer;
import org.danerelay.dane.dns.Security;
import org.xbill.DNS.Name;

/** How names and DNS statuses read in findings: lower case, no trailing dot. */
final class DnsText {

  private DnsText() {}

  static String name(Name name) {
    return name.toString(true).toLowerCase(Locale.ROOT);
  }

  static String security(Security security) {
    return security.name().toLowerCase(Locale.ROOT);
  }

  /** {@code bogus: reason}, {@code NXDOMAIN}, or {@code failure: timeout}, for findings. */
  static String status(DnsAnswer answer) {
    String what =
        answer.security().isFailure()
            ? security(answer.security())
            : answer.outcome().name().toLowerCase(Locale.ROOT);
    return answer.reason().isEmpty() ? what : what + ": " + answer.reason();
  }
}
