package org.danerelay.queue;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Claimed recipients of one message that share a domain: one delivery transaction's worth (one MAIL
 * FROM, several RCPT TO) for the scheduler, which groups by next-hop domain.
 *
 * @param messageId the queue id; the body is at {@link MessageQueue#openBody}
 * @param sender the reverse path; {@code ""} is the null sender
 * @param receivedAt when the message was accepted
 * @param domain the recipients' domain in lower case: what follows the last {@code @}
 * @param leaseUntil until when this worker holds them; after that another claim may take them
 * @param recipients at least one, in RCPT order
 * @param bodyType the BODY declared on MAIL FROM (RFC 6152): an {@link BodyType#EIGHT_BIT_MIME}
 *     message needs a next hop that offers 8BITMIME
 * @param size the body's size in bytes, as received (for the next hop's SIZE, RFC 1870)
 * @param tlsRequired what the sender asked of TLS (RFC 8689): REQUIRETLS narrows the hosts and the
 *     next hop's extensions; {@code NO} lifts the recipient domain's policies
 */
public record DueRecipients(
    String messageId,
    String sender,
    Instant receivedAt,
    String domain,
    Instant leaseUntil,
    List<ClaimedRecipient> recipients,
    BodyType bodyType,
    long size,
    TlsRequired tlsRequired) {

  /** Rejects missing values, a negative size and an empty group; copies the list. */
  public DueRecipients {
    QueueId.requireValid(messageId);
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(leaseUntil, "leaseUntil");
    Objects.requireNonNull(bodyType, "bodyType");
    Objects.requireNonNull(tlsRequired, "tlsRequired");
    recipients = List.copyOf(recipients);
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("no recipients");
    }
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size);
    }
  }

  /** The same claim for fewer recipients (a subset of these, in RCPT order). */
  DueRecipients withRecipients(List<ClaimedRecipient> kept) {
    return new DueRecipients(
        messageId, sender, receivedAt, domain, leaseUntil, kept, bodyType, size, tlsRequired);
  }

  /** The domain part of an address, lower case; the whole address if it has no {@code @}. */
  static String domainOf(String address) {
    return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
  }
}
