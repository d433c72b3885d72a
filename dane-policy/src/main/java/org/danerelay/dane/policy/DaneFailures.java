package org.danerelay.dane.policy;

/**
 * Told of each MX host a plan leaves out for a DNSSEC or DANE reason, and of each destination whose
 * MX lookup failed DNSSEC validation, so that TLSRPT can report the failures that happen before any
 * connection (RFC 8460 4.3.2: {@code dnssec-invalid}, {@code dane-required}).
 */
@FunctionalInterface
public interface DaneFailures {

  /** Nobody listens (TLSRPT off, {@code dane lookup}). */
  DaneFailures NONE = (recipientDomain, host, resultType) -> {};

  /**
   * One delivery planned for {@code recipientDomain} without a host, and why.
   *
   * @param host the MX host left out, or empty when the MX lookup itself failed validation
   * @param resultType {@code dnssec-invalid} or {@code dane-required}
   */
  void failed(String recipientDomain, String host, String resultType);
}
