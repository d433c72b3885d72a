package org.danerelay.dane.sts;

import java.util.Locale;
import java.util.Optional;

/** An MTA-STS policy's {@code mode} (RFC 8461 3.2, 5). */
public enum StsMode {
  /** MX hosts must match a pattern and present a PKIX-valid certificate; else do not deliver. */
  ENFORCE("enforce"),
  /** Deliver as without a policy, but report what would have failed (RFC 8460). */
  TESTING("testing"),
  /** The domain withdraws its policy (RFC 8461 8.3): treat it as having none. */
  NONE("none");

  private final String policyName;

  StsMode(String policyName) {
    this.policyName = policyName;
  }

  /** The value as a policy file writes it: {@code enforce}, {@code testing}, {@code none}. */
  public String policyName() {
    return policyName;
  }

  /** The mode a policy file's value names, compared without case; empty if unknown. */
  public static Optional<StsMode> fromPolicy(String value) {
    String wanted = value.toLowerCase(Locale.ROOT);
    for (StsMode mode : values()) {
      if (mode.policyName.equals(wanted)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return policyName;
  }
}
