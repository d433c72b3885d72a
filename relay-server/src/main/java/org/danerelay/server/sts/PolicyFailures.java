package org.danerelay.server.sts;

/**
 * Told when a domain publishes an MTA-STS policy that cannot be had and none is cached, so that
 * TLSRPT reports it (RFC 8460 4.3.2.2: {@code sts-policy-fetch-error}, {@code sts-webpki-invalid},
 * {@code sts-policy-invalid}).
 */
@FunctionalInterface
public interface PolicyFailures {

  /** Nobody listens (TLSRPT off, {@code dane lookup}). */
  PolicyFailures NONE = (domain, resultType) -> {};

  /** One delivery planned for {@code domain} without the policy it publishes, and why. */
  void policyFailed(String domain, String resultType);
}
