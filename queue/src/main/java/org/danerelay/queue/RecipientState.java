package org.danerelay.queue;

/** Where one recipient of a queued message stands in its delivery. */
public enum RecipientState {
  /** Accepted and not yet tried; every recipient starts here. */
  QUEUED,
  /** Tried and failed temporarily; due again at its next attempt. */
  DEFERRED,
  /** The next hop accepted it with a 250: final. */
  DELIVERED,
  /** Failed permanently or expired; a DSN goes to the sender: final. */
  BOUNCED
}
