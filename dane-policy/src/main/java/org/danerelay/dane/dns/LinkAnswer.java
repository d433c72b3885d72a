package org.danerelay.dane.dns;

import java.util.Objects;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;

/**
 * One DNS response and its security status, as one mode (resolver or validate) judged it; or why
 * there is no usable response.
 *
 * @param response the response (NOERROR or NXDOMAIN); null when the query failed
 * @param security the status of the whole response; BOGUS or INDETERMINATE when it failed
 * @param reason why it failed; empty otherwise
 */
record LinkAnswer(Message response, Security security, String reason) {

  LinkAnswer {
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(reason, "reason");
    if ((response == null) != security.isFailure()) {
      throw new IllegalArgumentException("a failed link has no response, and only it");
    }
  }

  static LinkAnswer of(Message response, Security security) {
    return new LinkAnswer(response, security, "");
  }

  /** SECURE when the answer carries the AD bit, else INSECURE (RFC 4035 3.2.3). */
  static LinkAnswer byAdBit(Message response) {
    boolean secure = response.getHeader().getFlag(Flags.AD);
    return of(response, secure ? Security.SECURE : Security.INSECURE);
  }

  static LinkAnswer failed(Security security, String reason) {
    return new LinkAnswer(null, security, reason);
  }

  boolean isFailure() {
    return response == null;
  }
}
