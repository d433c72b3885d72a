package org.danerelay.server.metrics;

import java.util.Locale;
import org.danerelay.dane.policy.TlsRequirement;

/**
 * The {@code tls} label of {@code danerelay_deliveries_total}: the delivery log's {@code tls=}
 * field in a fixed set of words, so that a dashboard can group attempts by the protection they had.
 */
public enum TlsUse {
  /** The attempt required DANE (log {@code tls=dane}); a sent message was DANE-authenticated. */
  DANE,
  /**
   * An MTA-STS policy in mode enforce covered the host (log {@code tls=mta-sts}); a sent message
   * was WebPKI-authenticated.
   */
  MTA_STS,
  /** TLS without authentication: required ({@code dane:encrypt}) or achieved ({@code may}). */
  ENCRYPTED,
  /** No TLS: opportunistic without a session ({@code may}), or level none ({@code none}). */
  PLAINTEXT,
  /** Settled before any connection ({@code relay=none}): the plan deferred or bounced. */
  NO_CONNECTION;

  /** What {@code requirement} amounts to, given whether a TLS session was established. */
  public static TlsUse of(TlsRequirement requirement, boolean tlsSession) {
    if (requirement instanceof TlsRequirement.DaneRequired) {
      return DANE;
    }
    if (requirement instanceof TlsRequirement.MtaStsEnforce) {
      return MTA_STS;
    }
    if (requirement instanceof TlsRequirement.EncryptRequired || tlsSession) {
      return ENCRYPTED;
    }
    return PLAINTEXT;
  }

  /**
   * The label value: {@code dane}, {@code mta_sts}, {@code encrypted}, {@code plaintext}, {@code
   * no_connection}.
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
