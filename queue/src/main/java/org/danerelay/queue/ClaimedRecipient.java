package org.danerelay.queue;

import java.util.Objects;

/**
 * One recipient a delivery worker now holds a lease on.
 *
 * @param idx its position in the RCPT order; pass it back to {@link MessageQueue#record}
 * @param address the forward path
 * @param attempts delivery runs ended before this one; hosts noted within a run are not counted
 * @param lastReply the reply of the last attempt, or {@code null} before the first
 */
public record ClaimedRecipient(int idx, String address, int attempts, String lastReply) {

  /** Rejects a missing address and negative numbers. */
  public ClaimedRecipient {
    Objects.requireNonNull(address, "address");
    if (idx < 0 || attempts < 0) {
      throw new IllegalArgumentException("bad index " + idx + " or attempts " + attempts);
    }
  }
}
