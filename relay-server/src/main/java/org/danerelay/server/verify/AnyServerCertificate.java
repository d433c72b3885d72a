package org.danerelay.server.verify;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.danerelay.dane.verify.ServerCertificateCheck;

/**
 * Accepts any certificate of {@code local.forward}: the callout uses TLS opportunistically, as the
 * delivery to {@code local.forward} does (RFC 7435), to keep recipient addresses off the wire in
 * the clear, not to authenticate the host the operator named by its address.
 */
final class AnyServerCertificate extends ServerCertificateCheck {

  @Override
  protected void checkServer(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the server sent no certificate");
    }
  }

  /** A client context that trusts any server certificate. */
  static SSLContext context() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new AnyServerCertificate()}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK offers no TLS client", e);
    }
  }
}
