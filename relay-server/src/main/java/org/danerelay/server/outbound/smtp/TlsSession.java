package org.danerelay.server.outbound.smtp;

import java.util.Objects;
import java.util.Optional;
import org.danerelay.dane.verify.DaneVerdict;
import org.danerelay.dane.verify.WebPkiVerdict;

/**
 * The TLS a connection achieved after STARTTLS, for the delivery log line (DANE-RULES 7).
 *
 * @param protocol the negotiated protocol, {@code TLSv1.3} or {@code TLSv1.2}
 * @param cipherSuite the negotiated cipher suite
 * @param dane the DANE verdict when the attempt required DANE: the matched TLSA record and its
 *     depth; empty when the peer was not authenticated (encryption only)
 * @param webPki the WebPKI verdict when an MTA-STS policy covered the host: always authenticated
 *     under {@code enforce} (else no session), either way under {@code testing}; empty otherwise
 */
public record TlsSession(
    String protocol,
    String cipherSuite,
    Optional<DaneVerdict.Authenticated> dane,
    Optional<WebPkiVerdict> webPki) {

  public TlsSession {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(cipherSuite, "cipherSuite");
    Objects.requireNonNull(dane, "dane");
    Objects.requireNonNull(webPki, "webPki");
  }

  /** Whether the peer was authenticated by an MTA-STS policy's WebPKI check. */
  public boolean stsAuthenticated() {
    return webPki.filter(WebPkiVerdict.Authenticated.class::isInstance).isPresent();
  }

  /**
   * {@code TLSv1.3 TLS_AES_128_GCM_SHA256 (DANE 3 1 1 5a9e1c0b depth 0)}, {@code ... (MTA-STS
   * mx.example.net)} or {@code ... (unauthenticated; MTA-STS testing: certificate-expired: ...)}.
   */
  public String describe() {
    return protocol + " " + cipherSuite + " (" + authentication() + ")";
  }

  private String authentication() {
    if (dane.isPresent()) {
      return "DANE " + dane.get().matched().shortForm() + " depth " + dane.get().depth();
    }
    if (webPki.orElse(null) instanceof WebPkiVerdict.Authenticated pkix) {
      return "MTA-STS " + pkix.hostName();
    }
    if (webPki.orElse(null) instanceof WebPkiVerdict.NotAuthenticated refused) {
      return "unauthenticated; MTA-STS testing: " + refused.describe();
    }
    return "unauthenticated";
  }
}
