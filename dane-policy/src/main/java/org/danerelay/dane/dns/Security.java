package org.danerelay.dane.dns;

/**
 * The DNSSEC status of an answer (RFC 4033 5, RFC 4035 4.3; RFC 7672 2.1).
 *
 * <p>Three answers are not two: only {@link #SECURE} may enable DANE, only {@link #INSECURE} may go
 * without it, and {@link #BOGUS} and {@link #INDETERMINATE} are failures that defer, never
 * downgrade.
 */
public enum Security {
  /** Validated from a trust anchor down to this data. */
  SECURE,
  /** Provably unsigned: an insecure delegation above it. */
  INSECURE,
  /** Signed but failed validation: a forgery, an expired signature, a broken chain. */
  BOGUS,
  /** Unknown: the lookup failed before the status could be known. */
  INDETERMINATE;

  /**
   * The weaker of two statuses, for a chain of answers (CNAME links): a chain is as good as its
   * weakest link.
   */
  public Security weakest(Security other) {
    return ordinal() >= other.ordinal() ? this : other;
  }

  /** BOGUS and INDETERMINATE: the lookup must be treated as failed. */
  public boolean isFailure() {
    return this == BOGUS || this == INDETERMINATE;
  }
}
