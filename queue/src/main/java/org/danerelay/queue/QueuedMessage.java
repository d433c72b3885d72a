package org.danerelay.queue;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One message as the queue index knows it: its envelope, body size and recipient states.
 *
 * @param id the queue id (see {@link QueueId})
 * @param sender the reverse path; {@code ""} is the null sender
 * @param receivedAt when it was accepted, to the microsecond (what SQL timestamps hold)
 * @param size body bytes, header not counted
 * @param clientAddress the IP address of the SMTP client
 * @param clientHelo the HELO/EHLO name of the client
 * @param recipients in the order of the RCPT commands
 * @param bodyType the BODY declared on MAIL FROM (RFC 6152)
 * @param delayWarnedAt when the sender was told the message is delayed, if it was (see {@link
 *     MessageQueue#markDelayWarned})
 * @param tlsRequired what the sender asked of TLS (RFC 8689)
 */
public record QueuedMessage(
    String id,
    String sender,
    Instant receivedAt,
    long size,
    String clientAddress,
    String clientHelo,
    List<QueuedRecipient> recipients,
    BodyType bodyType,
    Optional<Instant> delayWarnedAt,
    TlsRequired tlsRequired) {

  /** Rejects missing values and a negative size; copies the recipient list. */
  public QueuedMessage {
    QueueId.requireValid(id);
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(clientAddress, "clientAddress");
    Objects.requireNonNull(clientHelo, "clientHelo");
    Objects.requireNonNull(bodyType, "bodyType");
    Objects.requireNonNull(delayWarnedAt, "delayWarnedAt");
    Objects.requireNonNull(tlsRequired, "tlsRequired");
    recipients = List.copyOf(Objects.requireNonNull(recipients, "recipients"));
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative: " + size);
    }
  }

  /** A 7BIT message for which no delay warning was sent. */
  public QueuedMessage(
      String id,
      String sender,
      Instant receivedAt,
      long size,
      String clientAddress,
      String clientHelo,
      List<QueuedRecipient> recipients) {
    this(
        id,
        sender,
        receivedAt,
        size,
        clientAddress,
        clientHelo,
        recipients,
        BodyType.SEVEN_BIT,
        Optional.empty(),
        TlsRequired.DEFAULT);
  }
}
