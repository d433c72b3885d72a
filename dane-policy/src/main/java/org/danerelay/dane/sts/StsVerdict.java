package org.danerelay.dane.sts;

import java.util.Objects;
import java.util.Optional;

/** Which MTA-STS policy applies to a recipient domain now (RFC 8461 5.1), or why none does. */
public sealed interface StsVerdict {

  /**
   * This policy applies (its mode may be {@code none}, which withdraws it).
   *
   * @param policy the policy
   * @param source how it was had, for logs: {@code fetched}, {@code cached}, or {@code cached;
   *     refresh failed: ...}
   */
  record Applies(StsPolicy policy, String source) implements StsVerdict {
    public Applies {
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(source, "source");
    }
  }

  /**
   * No policy applies: none published, MTA-STS turned off, or none could be had and none is cached.
   *
   * @param why for logs and {@code dane lookup}
   */
  record NoPolicy(String why) implements StsVerdict {
    public NoPolicy {
      Objects.requireNonNull(why, "why");
    }
  }

  /** The policy in force for delivery: enforce or testing; none for mode {@code none}. */
  default Optional<StsPolicy> inForce() {
    return this instanceof Applies applies && applies.policy().mode() != StsMode.NONE
        ? Optional.of(applies.policy())
        : Optional.empty();
  }
}
