package org.danerelay.server.outbound.smtp;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts any server certificate: encryption without authentication, for attempts whose requirement
 * is {@code EncryptRequired} or {@code Opportunistic}.
 *
 * <p>RFC 7672 2.2 and RFC 7435: without usable DANE records the SMTP client cannot know what
 * certificate to expect, so it encrypts against passive eavesdroppers without verifying the peer;
 * insisting on a WebPKI chain would only push such mail to plaintext. Never used for {@code
 * DaneRequired}, which gets a {@code DaneTrustManager}. Extending {@link X509ExtendedTrustManager}
 * keeps JSSE from adding its own hostname checks.
 */
final class UnauthenticatedTrustManager extends X509ExtendedTrustManager {

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the server sent no certificate");
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("this trust manager authenticates servers only");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
