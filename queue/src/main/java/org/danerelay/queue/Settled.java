package org.danerelay.queue;

/** Where finishing a message got to, inside the transaction that tried (see MessageFinisher). */
sealed interface Settled {

  /** No such message: unknown, or finished by someone else. */
  record NotQueued() implements Settled {}

  /** It stays: recipients are pending, or attempts in flight keep a removal waiting. */
  record Waiting(int pending, int inFlight) implements Settled {}

  /**
   * It is gone, and {@code message} went to the DSN step first.
   *
   * @param returned pending recipients that a postmaster's bounce made BOUNCED just now
   */
  record Finished(FinishedMessage message, int returned) implements Settled {}

  /** The postmaster deleted it: gone without a DSN, with this many recipients still pending. */
  record Deleted(int pending) implements Settled {}
}
