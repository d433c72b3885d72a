package org.danerelay.server.outbound;

import java.util.Locale;

/**
 * Why DANE kept a message from a host (RFC 7672 2.2): the kinds {@code
 * danerelay_dane_failures_total} counts, each a 4.7.5 deferral or skip, never a downgrade.
 */
public enum DaneFailure {
  /** The host's certificate chain matched none of its usable TLSA records (RFC 7672 3). */
  MISMATCH,
  /** TLSA records exist but the host did not offer STARTTLS, or refused it (RFC 7672 2.2). */
  NO_STARTTLS,
  /** TLSA records exist and the TLS handshake failed for a reason other than a mismatch. */
  HANDSHAKE,
  /** The TLSA lookup failed: SERVFAIL, timeout, unknown security (RFC 7672 2.2.3). */
  LOOKUP_FAILURE,
  /** A DNSSEC-signed answer (MX, address or TLSA) failed validation (RFC 4035 5.5). */
  BOGUS;

  /** The label value: {@code mismatch}, {@code no_starttls}, ... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
