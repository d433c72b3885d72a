package org.danerelay.server.sts;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpContentException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Turns what went wrong in one HTTPS exchange into a failure a postmaster can read, and tells a
 * refused server certificate (RFC 8460 4.3.2.1 {@code sts-webpki-invalid}) from everything else.
 */
final class HttpsFailures {

  private static final int MAX_DEPTH = 10;

  private HttpsFailures() {}

  /**
   * @param responseLimit the request's body limit, named when the response was over it
   */
  static HttpsOutcome.Failed of(Throwable cause, int responseLimit) {
    if (find(cause, TooLongHttpContentException.class) != null) {
      // Netty's message quotes the whole response head: say only what matters.
      return new HttpsOutcome.Failed(false, "response body over " + responseLimit + " bytes");
    }
    if (find(cause, TooLongFrameException.class) != null) {
      return new HttpsOutcome.Failed(false, "response head too long");
    }
    if (isCertificate(cause)) {
      return new HttpsOutcome.Failed(true, "certificate refused: " + certificateReason(cause));
    }
    return new HttpsOutcome.Failed(false, rootMessage(cause));
  }

  /** Whether the TLS handshake failed on the server's certificate. */
  static boolean isCertificate(Throwable cause) {
    return find(cause, CertificateException.class) != null
        || find(cause, CertPathValidatorException.class) != null
        || find(cause, SSLPeerUnverifiedException.class) != null;
  }

  /** The innermost message, for a reason a person can read. */
  static String rootMessage(Throwable cause) {
    Throwable root = cause;
    for (int depth = 0; depth < MAX_DEPTH && root.getCause() != null; depth++) {
      if (root.getCause() == root) {
        break;
      }
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
  }

  private static String certificateReason(Throwable cause) {
    // The JDK's innermost messages are "NotAfter: <date>" and the like: name the check instead.
    if (find(cause, CertificateExpiredException.class) != null) {
      return "expired";
    }
    if (find(cause, CertificateNotYetValidException.class) != null) {
      return "not yet valid";
    }
    return rootMessage(cause);
  }

  private static <T extends Throwable> T find(Throwable cause, Class<T> type) {
    Throwable t = cause;
    for (int depth = 0; depth < MAX_DEPTH && t != null; depth++) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      t = t.getCause() == t ? null : t.getCause();
    }
    return null;
  }
}
