package org.danerelay.queue;

import java.util.Locale;

/**
 * What the sender asked of the TLS on the way to the recipients (RFC 8689), which the queue keeps
 * with the message so that every delivery attempt honours it.
 */
public enum TlsRequired {
  /** Neither: the relay's own TLS policy (DANE, MTA-STS, the levels) decides. */
  DEFAULT(""),
  /**
   * {@code MAIL FROM:<...> REQUIRETLS} (RFC 8689 4): only over TLS authenticated by DANE or
   * MTA-STS, to next hops that offer REQUIRETLS, else the message is returned.
   */
  REQUIRETLS("REQUIRETLS"),
  /**
   * A {@code TLS-Required: No} header field and no REQUIRETLS (RFC 8689 5): the recipient domain's
   * MTA-STS policy is waived; DANE, where it applies, is not (DANE-RULES 6).
   */
  NO("NO");

  private final String spoolValue;

  TlsRequired(String spoolValue) {
    this.spoolValue = spoolValue;
  }

  /** The value in the spool header and the index: {@code REQUIRETLS}, {@code NO}, or empty. */
  public String spoolValue() {
    return spoolValue;
  }

  /** The value a spool header or index row holds; null or empty is {@link #DEFAULT}. */
  static TlsRequired fromSpoolValue(String value) {
    if (value == null || value.isEmpty()) {
      return DEFAULT;
    }
    String upper = value.toUpperCase(Locale.ROOT);
    for (TlsRequired demand : values()) {
      if (demand.spoolValue.equals(upper)) {
        return demand;
      }
    }
    throw new IllegalArgumentException("tls-required must be REQUIRETLS or NO");
  }
}
