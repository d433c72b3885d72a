package org.danerelay.queue;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How many recipients the queue holds in each state, and since when the oldest message still
 * waiting for a delivery has been queued: what monitoring asks of the queue, in one look.
 *
 * @param recipients a count for every {@link RecipientState}, zero where there are none
 * @param oldestPending when the oldest message with a recipient that is neither delivered nor
 *     bounced was received; empty when nothing is pending
 */
public record QueueCensus(Map<RecipientState, Long> recipients, Optional<Instant> oldestPending) {

  public QueueCensus {
    EnumMap<RecipientState, Long> all = new EnumMap<>(RecipientState.class);
    for (RecipientState state : RecipientState.values()) {
      all.put(state, 0L);
    }
    all.putAll(recipients);
    recipients = Collections.unmodifiableMap(all);
    Objects.requireNonNull(oldestPending, "oldestPending");
  }

  /** The recipients in {@code state}. */
  public long count(RecipientState state) {
    return recipients.get(state);
  }

  /** Whether a recipient in {@code state} still waits for delivery: any state but the final two. */
  static boolean pending(RecipientState state) {
    return state != RecipientState.DELIVERED && state != RecipientState.BOUNCED;
  }
}
