package org.danerelay.queue;

/** How one delivery attempt at one recipient ended. */
public enum AttemptStatus {
  /** The next hop accepted the recipient and the data with a 250. */
  DELIVERED,
  /** A temporary failure (4xx, DNS or TLS trouble, no connection): try again later. */
  DEFERRED,
  /** A permanent failure (5xx): the sender gets a DSN. */
  BOUNCED
}
