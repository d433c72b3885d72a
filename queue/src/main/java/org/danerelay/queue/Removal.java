package org.danerelay.queue;

/** How the postmaster asked for a message to leave the queue before its recipients were done. */
public enum Removal {
  /** {@code danerelay queue delete}: gone without a DSN. */
  DELETE,
  /** {@code danerelay queue bounce}: every pending recipient is returned to the sender. */
  BOUNCE
}
