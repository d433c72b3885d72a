package org.danerelay.server.outbound.smtp;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.danerelay.dane.verify.ServerCertificateCheck;

/**
 * Accepts any server certificate: encryption without authentication, for attempts whose requirement
 * is {@code EncryptRequired} or {@code Opportunistic}.
 *
 * <p>RFC 7672 2.2 and RFC 7435: without usable DANE records the SMTP client cannot know what
 * certificate to expect, so it encrypts against passive eavesdroppers without verifying the peer;
 * insisting on a WebPKI chain would only push such mail to plaintext. Never used for {@code
 * DaneRequired}, which gets a {@code DaneTrustManager}. The recipient callout to {@code
 * local.forward} uses it too, for the same opportunistic TLS as delivery there.
 */
public final class UnauthenticatedTrustManager extends ServerCertificateCheck {

  @Override
  protected void checkServer(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the server sent no certificate");
    }
  }
}
