package org.danerelay.queue;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A message whose every recipient is delivered or bounced, as it stood when the queue removed it:
 * what a bounce (DSN) generator needs.
 *
 * @param id the queue id it had
 * @param sender the reverse path; {@code ""} (the null sender) never gets a DSN (RFC 5321 4.5.5)
 * @param receivedAt when it was accepted
 * @param recipients all of them in RCPT order, each DELIVERED or BOUNCED with its last reply
 */
public record FinishedMessage(
    String id, String sender, Instant receivedAt, List<QueuedRecipient> recipients) {

  /** Rejects missing values and recipients that are not final; copies the list. */
  public FinishedMessage {
    QueueId.requireValid(id);
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(receivedAt, "receivedAt");
    recipients = List.copyOf(recipients);
    for (QueuedRecipient recipient : recipients) {
      if (recipient.state() != RecipientState.DELIVERED
          && recipient.state() != RecipientState.BOUNCED) {
        throw new IllegalArgumentException(recipient.address() + " is " + recipient.state());
      }
    }
  }

  /** The recipients the DSN is about, in RCPT order. */
  public List<QueuedRecipient> bounced() {
    return recipients.stream().filter(r -> r.state() == RecipientState.BOUNCED).toList();
  }
}
