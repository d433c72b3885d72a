package org.danerelay.queue;

import java.util.Objects;

/**
 * One attempt as the queue stored it: which recipient, which try, and what happened.
 *
 * @param recipientIdx the recipient's position in the RCPT order
 * @param address the recipient's forward path
 * @param number 1 for the recipient's first row, counting up over runs and noted hosts alike
 * @param attempt what happened
 */
public record RecordedAttempt(int recipientIdx, String address, int number, AttemptRecord attempt) {

  /** Rejects missing values and numbers that cannot occur. */
  public RecordedAttempt {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(attempt, "attempt");
    if (recipientIdx < 0 || number < 1) {
      throw new IllegalArgumentException("bad recipient " + recipientIdx + " or try " + number);
    }
  }
}
