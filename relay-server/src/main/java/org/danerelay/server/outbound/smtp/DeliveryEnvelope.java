package org.danerelay.server.outbound.smtp;

import java.util.List;
import java.util.Objects;

/**
 * The envelope of one delivery attempt: the reverse path and the recipients for this destination.
 *
 * <p>Addresses go into {@code MAIL FROM:<...>} and {@code RCPT TO:<...>} as they are, so they are
 * checked here to keep a command from being split or extended: no control characters, spaces or
 * angle brackets. Non-ASCII addresses need SMTPUTF8 (RFC 6531), which this client does not speak
 * yet.
 *
 * @param sender the reverse path without angle brackets; {@code ""} is the null reverse path (RFC
 *     5321 4.5.5)
 * @param recipients the forward paths, at least one
 * @param eightBitMime whether the message was received as {@code BODY=8BITMIME} (RFC 6152)
 * @param requireTls whether the message was received with REQUIRETLS (RFC 8689): the next hop must
 *     offer it, and gets it on MAIL FROM
 */
public record DeliveryEnvelope(
    String sender, List<String> recipients, boolean eightBitMime, boolean requireTls) {

  /** A 7-bit message. */
  public DeliveryEnvelope(String sender, List<String> recipients) {
    this(sender, recipients, false, false);
  }

  /** A message without REQUIRETLS. */
  public DeliveryEnvelope(String sender, List<String> recipients, boolean eightBitMime) {
    this(sender, recipients, eightBitMime, false);
  }

  public DeliveryEnvelope {
    Objects.requireNonNull(sender, "sender");
    recipients = List.copyOf(recipients);
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("a delivery needs at least one recipient");
    }
    check(sender, "sender");
    for (String recipient : recipients) {
      if (recipient.isEmpty()) {
        throw new IllegalArgumentException("empty recipient address"); // RFC 5321 4.1.1.3
      }
      check(recipient, "recipient");
    }
  }

  private static void check(String address, String what) {
    for (int i = 0; i < address.length(); i++) {
      char c = address.charAt(i);
      if (c <= ' ' || c >= 0x7f || c == '<' || c == '>') {
        throw new IllegalArgumentException(
            what + " address has a character SMTP without SMTPUTF8 cannot carry: " + address);
      }
    }
  }
}
