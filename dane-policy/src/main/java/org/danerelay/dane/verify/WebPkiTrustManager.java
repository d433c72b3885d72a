package org.danerelay.dane.verify;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Applies {@link WebPkiVerifier} during a client-side TLS handshake for one MX host under an
 * MTA-STS policy in mode enforce: a server it does not authenticate gets an alert, and no mail (RFC
 * 8461 5). One instance serves one host name.
 */
public final class WebPkiTrustManager extends ServerCertificateCheck {

  /** The prefix of the refusal's message, by which the SMTP client tells it from other trouble. */
  public static final String REFUSAL_PREFIX = "MTA-STS: ";

  private final WebPkiVerifier verifier;
  private final String hostName;
  private final Clock clock;

  public WebPkiTrustManager(WebPkiVerifier verifier, String hostName, Clock clock) {
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.hostName = Objects.requireNonNull(hostName, "hostName");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  protected void checkServer(X509Certificate[] chain) throws CertificateException {
    List<X509Certificate> certificates = chain == null ? List.of() : Arrays.asList(chain);
    WebPkiVerdict verdict = verifier.verify(certificates, hostName, clock.instant());
    if (verdict instanceof WebPkiVerdict.NotAuthenticated refused) {
      throw new CertificateException(REFUSAL_PREFIX + refused.describe());
    }
  }
}
