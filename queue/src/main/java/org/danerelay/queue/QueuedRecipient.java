package org.danerelay.queue;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The delivery state of one recipient of a queued message.
 *
 * @param address the forward path
 * @param state where its delivery stands
 * @param attempts how many delivery runs have ended for it (the count the retry backoff uses);
 *     hosts that failed within a run ({@link MessageQueue#note}) are not counted
 * @param nextAttempt when it is due (again)
 * @param lastReply the last reply or failure reason seen for it, or {@code null} before the first
 *     attempt
 * @param claimedUntil until when a delivery worker holds it (its lease), empty when none does; a
 *     lease in the future means an attempt is in flight
 * @param claimedBy the node ({@code node.name}) whose worker holds it, empty when none does
 */
public record QueuedRecipient(
    String address,
    RecipientState state,
    int attempts,
    Instant nextAttempt,
    String lastReply,
    Optional<Instant> claimedUntil,
    Optional<String> claimedBy) {

  /** Rejects missing values and a negative attempt count. */
  public QueuedRecipient {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(nextAttempt, "nextAttempt");
    Objects.requireNonNull(claimedUntil, "claimedUntil");
    Objects.requireNonNull(claimedBy, "claimedBy");
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must not be negative: " + attempts);
    }
  }

  /** A recipient that no worker holds. */
  public QueuedRecipient(
      String address, RecipientState state, int attempts, Instant nextAttempt, String lastReply) {
    this(address, state, attempts, nextAttempt, lastReply, Optional.empty(), Optional.empty());
  }

  /** Whether a delivery worker holds it at {@code now}: an attempt is in flight. */
  public boolean inFlightAt(Instant now) {
    return claimedUntil.map(until -> until.isAfter(now)).orElse(false);
  }
}
