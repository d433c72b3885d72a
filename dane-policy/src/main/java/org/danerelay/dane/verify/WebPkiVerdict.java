package org.danerelay.dane.verify;

import java.util.Objects;

/** Whether a server's chain authenticates it by WebPKI for one host name (RFC 8461 4.2). */
public sealed interface WebPkiVerdict {

  /** The chain leads to a trusted root and the leaf names the host. */
  record Authenticated(String hostName) implements WebPkiVerdict {
    public Authenticated {
      Objects.requireNonNull(hostName, "hostName");
    }
  }

  /** It does not, and why, for the log and TLSRPT. */
  record NotAuthenticated(WebPkiFailure failure, String reason) implements WebPkiVerdict {
    public NotAuthenticated {
      Objects.requireNonNull(failure, "failure");
      Objects.requireNonNull(reason, "reason");
    }

    /** {@code certificate-expired: leaf CN=... expired 2024-01-01T00:00:00Z}. */
    public String describe() {
      return failure.resultType() + ": " + reason;
    }
  }
}
