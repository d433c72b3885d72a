package org.danerelay.server.monitor;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import org.danerelay.dane.verify.ServerCertificateCheck;

/**
 * Accepts any server chain and keeps it: the probe only looks, the verdict comes afterwards from
 * the DANE verifier, so that a key no record matches is reported rather than a failed handshake.
 */
final class ChainRecorder extends ServerCertificateCheck {

  private volatile List<X509Certificate> chain = List.of();

  @Override
  protected void checkServer(X509Certificate[] presented) throws CertificateException {
    if (presented == null || presented.length == 0) {
      throw new CertificateException("the server sent no certificate");
    }
    chain = List.copyOf(Arrays.asList(presented));
  }

  /** The chain of the last handshake, leaf first; empty before one. */
  List<X509Certificate> chain() {
    return chain;
  }
}
