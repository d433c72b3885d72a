package org.danerelay.dane.verify;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.danerelay.dane.tlsa.TlsaRecord;

/**
 * Applies {@link DaneVerifier} to the server's chain during a client-side TLS handshake, refusing
 * the handshake when the server is not DANE-authenticated and keeping the verdict for the caller's
 * log line (RFC 7672 3, 7).
 *
 * <p>One instance serves one connection attempt: it is built from that host's TLSA records and
 * reference identifiers. The caller also leaves endpoint identification off.
 */
public final class DaneTrustManager extends ServerCertificateCheck {

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

  /** Runs the DANE checks; refuses the handshake when the server is not authenticated. */
  @Override
  protected void checkServer(X509Certificate[] chain) throws CertificateException {
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
}
