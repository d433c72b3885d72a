package org.danerelay.server.outbound.smtp;

import java.util.Objects;
import java.util.Optional;
import org.danerelay.dane.verify.DaneVerdict;

/**
 * The TLS a connection achieved after STARTTLS, for the delivery log line (DANE-RULES 7).
 *
 * @param protocol the negotiated protocol, {@code TLSv1.3} or {@code TLSv1.2}
 * @param cipherSuite the negotiated cipher suite
 * @param dane the DANE verdict when the attempt required DANE: the matched TLSA record and its
 *     depth; empty when the peer was not authenticated (encryption only)
 */
public record TlsSession(
    String protocol, String cipherSuite, Optional<DaneVerdict.Authenticated> dane) {

  public TlsSession {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(cipherSuite, "cipherSuite");
    Objects.requireNonNull(dane, "dane");
  }

  /** {@code TLSv1.3 TLS_AES_128_GCM_SHA256 (DANE 3 1 1 5a9e1c0b depth 0)}. */
  public String describe() {
    return protocol
        + " "
        + cipherSuite
        + dane.map(v -> " (DANE " + v.matched().shortForm() + " depth " + v.depth() + ")")
            .orElse(" (unauthenticated)");
  }
}
