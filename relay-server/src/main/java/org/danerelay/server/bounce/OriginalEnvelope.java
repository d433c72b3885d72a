package org.danerelay.server.bounce;

import java.time.Instant;
import java.util.Objects;
import org.danerelay.queue.QueueId;

/**
 * What the relay knows about the message being reported on, from its queue entry.
 *
 * @param sender the reverse path without angle brackets; {@code ""} is the null sender, which never
 *     gets a DSN
 * @param queueId the message's id in our queue
 * @param arrivalDate when the relay accepted it (RFC 3464 2.2.5 {@code Arrival-Date})
 * @param clientAddress the IP address of the SMTP client that gave it to us
 * @param clientHelo what that client said in HELO/EHLO: client input, sanitized when written
 */
public record OriginalEnvelope(
    String sender, String queueId, Instant arrivalDate, String clientAddress, String clientHelo) {

  public OriginalEnvelope {
    AddressText.requireAddress(sender, "sender");
    QueueId.requireValid(queueId);
    Objects.requireNonNull(arrivalDate, "arrivalDate");
    Objects.requireNonNull(clientAddress, "clientAddress");
    Objects.requireNonNull(clientHelo, "clientHelo");
  }
}
