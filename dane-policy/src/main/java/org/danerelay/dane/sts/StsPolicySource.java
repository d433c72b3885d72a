package org.danerelay.dane.sts;

/**
 * Where the planner gets a recipient domain's MTA-STS policy: the relay's cache, discovery and
 * fetch, or nothing at all. Asked only for hosts that DANE does not cover (RFC 8461 2).
 */
@FunctionalInterface
public interface StsPolicySource {

  /** MTA-STS turned off ({@code mta-sts.enabled = false}), and the planner's unit tests. */
  StsPolicySource NONE = domain -> new StsVerdict.NoPolicy("MTA-STS not enabled");

  /** The policy of {@code domain} (lower case, no trailing dot) now; never throws. */
  StsVerdict policyFor(String domain);
}
