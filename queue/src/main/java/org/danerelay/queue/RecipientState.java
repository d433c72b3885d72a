package org.danerelay.queue;

/** Where one recipient of a queued message stands in its delivery. */
public enum RecipientState {
  /** Accepted and not yet tried; every recipient starts here. */
  QUEUED,
  /** Tried and failed temporarily; due again at its next attempt. */
  DEFERRED,
  /**
   * Put on hold by the postmaster ({@code danerelay queue hold}): never claimed, never expired,
   * until released (ADR 0011). Pending, not final.
   */
  HELD,
  /** The next hop accepted it with a 250: final. */
  DELIVERED,
  /** Failed permanently or expired; a DSN goes to the sender: final. */
  BOUNCED;

  /** Whether the recipient still waits for delivery: QUEUED, DEFERRED or HELD. */
  public boolean isPending() {
    return this == QUEUED || this == DEFERRED || this == HELD;
  }
}
