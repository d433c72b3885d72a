package org.danerelay.dane.verify;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JSSE plumbing of a client-side trust manager that judges the server's chain itself: every
 * {@code checkServerTrusted} variant lands in {@link #checkServer}, client checks are refused.
 *
 * <p>Extending {@link X509ExtendedTrustManager} keeps JSSE from adding its own hostname checks;
 * {@code authType} is ignored (under TLS 1.3 it is "UNKNOWN"). No CA list is offered: these
 * managers trust what DNS or policy says, not a CA store.
 */
public abstract class ServerCertificateCheck extends X509ExtendedTrustManager {

  /** Accepts or refuses the chain the server presented, leaf first. */
  protected abstract void checkServer(X509Certificate[] chain) throws CertificateException;

  @Override
  public final void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    checkServer(chain);
  }

  @Override
  public final void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkServer(chain);
  }

  @Override
  public final void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkServer(chain);
  }

  @Override
  public final void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("this trust manager authenticates servers only");
  }

  @Override
  public final void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("this trust manager authenticates servers only");
  }

  @Override
  public final void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("this trust manager authenticates servers only");
  }

  @Override
  public final X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
