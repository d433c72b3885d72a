package org.danerelay.dane.verify;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.danerelay.dane.tlsa.TlsaRecord;

/**
 * Applies {@link DaneVerifier} to the server's chain during a client-side TLS handshake, refusing
 * the handshake when the server is not DANE-authenticated and keeping the verdict for the caller's
 * log line (RFC 7672 3, 7).
 *
 * <p>One instance serves one connection attempt: it is built from that host's TLSA records and
 * reference identifiers. Extending {@link X509ExtendedTrustManager} keeps JSSE from wrapping it
 * with its own hostname and PKIX checks; the caller also leaves endpoint identification off.
 */
public final class DaneTrustManager extends X509ExtendedTrustManager {

  private final List<TlsaRecord> records;
  private final List<String> referenceIdentifiers;
  private final Clock clock;
  private final DaneVerifier verifier = new DaneVerifier();
  private final AtomicReference<DaneVerdict> lastVerdict = new AtomicReference<>();

  public DaneTrustManager(
      List<TlsaRecord> records, List<String> referenceIdentifiers, Clock clock) {
    this.records = List.copyOf(records);
    this.referenceIdentifiers = List.copyOf(referenceIdentifiers);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The verdict of the last server check, when it authenticated the server. */
  public Optional<DaneVerdict.Authenticated> verdict() {
    return lastVerdict.get() instanceof DaneVerdict.Authenticated authenticated
        ? Optional.of(authenticated)
        : Optional.empty();
  }

  /** The verdict of the last server check, either way; empty before the first check. */
  public Optional<DaneVerdict> lastVerdict() {
    return Optional.ofNullable(lastVerdict.get());
  }

  /**
   * Runs the DANE checks. {@code authType} is ignored: under TLS 1.3 it is "UNKNOWN", and DANE does
   * not depend on it.
   */
  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    DaneVerdict verdict =
        verifier.verify(
            chain == null ? List.of() : Arrays.asList(chain),
            records,
            referenceIdentifiers,
            clock.instant());
    lastVerdict.set(verdict);
    if (verdict instanceof DaneVerdict.NotAuthenticated refused) {
      throw new CertificateException("DANE: " + refused.reason());
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
    throw new CertificateException("DANE trust manager authenticates servers only");
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

  /** No certificate authorities: DANE trusts what the TLSA records say, not a CA list. */
  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
