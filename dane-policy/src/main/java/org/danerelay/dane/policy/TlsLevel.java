package org.danerelay.dane.policy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A destination's configured TLS security level, named as Postfix names them (DANE-RULES 6;
 * configuration key {@code tls.policy} and the per-domain {@code tls.policy.map}).
 */
public enum TlsLevel {
  /**
   * The default, RFC 7672: DANE where the host's TLSA records are secure and usable, mandatory
   * unauthenticated TLS where they are secure but unusable, opportunistic TLS elsewhere.
   */
  DANE("dane"),
  /** Like {@link #DANE}, but a host without usable TLSA records is never tried. */
  DANE_ONLY("dane-only"),
  /**
   * Mandatory TLS everywhere. Stricter than Postfix's {@code encrypt}, which ignores DANE: here a
   * host with usable TLSA records still gets DANE authentication, because a level that asks for
   * more protection must never yield less than the default.
   */
  ENCRYPT("encrypt"),
  /** Opportunistic TLS only: no TLSA lookups, plaintext when STARTTLS is missing or fails. */
  MAY("may"),
  /** Plaintext only: STARTTLS is never used. */
  NONE("none");

  private final String configName;

  TlsLevel(String configName) {
    this.configName = configName;
  }

  /** The name used in {@code relay.conf} and the policy map: {@code dane}, {@code dane-only}... */
  public String configName() {
    return configName;
  }

  /**
   * The level for a configuration value, case-insensitive.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static TlsLevel fromConfig(String value) {
    String wanted = value.strip().toLowerCase(Locale.ROOT);
    for (TlsLevel level : values()) {
      if (level.configName.equals(wanted)) {
        return level;
      }
    }
    throw new IllegalArgumentException(
        "unknown TLS level '"
            + value.strip()
            + "', expected one of "
            + Arrays.stream(values()).map(TlsLevel::configName).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return configName;
  }
}
