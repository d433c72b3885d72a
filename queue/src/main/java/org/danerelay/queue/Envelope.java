package org.danerelay.queue;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The SMTP envelope of one accepted message: who sent it, to whom, and from which client.
 *
 * @param sender the reverse path without angle brackets; {@code ""} is the null reverse path (RFC
 *     5321 4.5.5, used by bounces)
 * @param recipients the forward paths in the order the client gave them; never empty
 * @param clientAddress the IP address of the SMTP client
 * @param clientHelo the name the client gave in HELO/EHLO; may be empty, never null
 * @param receivedAt when the message was accepted
 * @param bodyType the BODY the client declared on MAIL FROM (RFC 6152); {@link BodyType#SEVEN_BIT}
 *     when it gave none
 * @param tlsRequired REQUIRETLS on MAIL FROM or a {@code TLS-Required: No} header (RFC 8689)
 */
public record Envelope(
    String sender,
    List<String> recipients,
    String clientAddress,
    String clientHelo,
    Instant receivedAt,
    BodyType bodyType,
    TlsRequired tlsRequired) {

  /** Validates the structure; the spool file format adds its own checks at create time. */
  public Envelope {
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(clientAddress, "clientAddress");
    Objects.requireNonNull(clientHelo, "clientHelo");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(bodyType, "bodyType");
    Objects.requireNonNull(tlsRequired, "tlsRequired");
    recipients = List.copyOf(Objects.requireNonNull(recipients, "recipients"));
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("an envelope needs at least one recipient");
    }
    for (String recipient : recipients) {
      if (recipient.isEmpty()) {
        // RFC 5321 4.1.1.3: RCPT TO always names a mailbox; only the sender may be null.
        throw new IllegalArgumentException("empty recipient address");
      }
    }
  }

  /** An envelope without REQUIRETLS or {@code TLS-Required}: the relay's policy decides. */
  public Envelope(
      String sender,
      List<String> recipients,
      String clientAddress,
      String clientHelo,
      Instant receivedAt,
      BodyType bodyType) {
    this(sender, recipients, clientAddress, clientHelo, receivedAt, bodyType, TlsRequired.DEFAULT);
  }

  /** The same envelope with what the sender asked of TLS. */
  public Envelope withTlsRequired(TlsRequired demand) {
    return new Envelope(
        sender, recipients, clientAddress, clientHelo, receivedAt, bodyType, demand);
  }

  /** An envelope whose MAIL FROM had no BODY parameter: {@link BodyType#SEVEN_BIT}. */
  public Envelope(
      String sender,
      List<String> recipients,
      String clientAddress,
      String clientHelo,
      Instant receivedAt) {
    this(sender, recipients, clientAddress, clientHelo, receivedAt, BodyType.SEVEN_BIT);
  }
}
