package org.danerelay.dane.verify;

import java.util.Objects;
import org.danerelay.dane.tlsa.TlsaRecord;

/** The outcome of DANE authentication of one presented certificate chain. */
public sealed interface DaneVerdict
    permits DaneVerdict.Authenticated, DaneVerdict.NotAuthenticated {

  /**
   * The chain is DANE-authenticated.
   *
   * @param matched the TLSA record that matched
   * @param depth the depth of the matched certificate in the presented chain (0 = leaf); for a
   *     trust anchor that came from DNS and was not presented, the depth it would take if the
   *     server had sent it directly above the highest presented certificate on the path
   * @param how a short description for logs: which usage matched what, and the name checked
   */
  record Authenticated(TlsaRecord matched, int depth, String how) implements DaneVerdict {
    public Authenticated {
      Objects.requireNonNull(matched, "matched");
      Objects.requireNonNull(how, "how");
      if (depth < 0) {
        throw new IllegalArgumentException("depth must be 0 or more: " + depth);
      }
    }
  }

  /**
   * The chain is not DANE-authenticated.
   *
   * @param reason why, precise enough for a log line and a DSN diagnostic
   */
  record NotAuthenticated(String reason) implements DaneVerdict {
    public NotAuthenticated {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Whether this verdict authenticates the peer. */
  default boolean isAuthenticated() {
    return this instanceof Authenticated;
  }
}
