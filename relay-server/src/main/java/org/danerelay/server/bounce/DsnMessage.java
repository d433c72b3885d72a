package org.danerelay.server.bounce;

import java.util.Objects;

/**
 * A finished DSN, ready to queue: its envelope and its bytes.
 *
 * <p>The reverse path is always {@code <>} (RFC 5321 4.5.5, 6.1; RFC 3464 3): if the DSN itself
 * cannot be delivered, no one will report on it, so DSNs never loop.
 *
 * @param envelopeRecipient the original message's sender, who the DSN goes to (RFC 3464 3)
 * @param messageId the DSN's own Message-ID, with angle brackets
 * @param content the whole message: CRLF line ends, lines of at most 998 octets, 7-bit unless
 *     {@code smtpUtf8}
 * @param smtpUtf8 whether the recipient address is non-ASCII, so the DSN must be relayed with
 *     SMTPUTF8 (RFC 6531) and its To field carries UTF-8 (RFC 6532)
 */
public record DsnMessage(
    String envelopeRecipient, String messageId, byte[] content, boolean smtpUtf8)
    implements BounceDecision {

  public DsnMessage {
    Objects.requireNonNull(envelopeRecipient, "envelopeRecipient");
    Objects.requireNonNull(messageId, "messageId");
    content = Objects.requireNonNull(content, "content").clone();
  }

  /** The null reverse path {@code ""}, always. */
  public String envelopeSender() {
    return "";
  }

  /** The message bytes; a copy. */
  @Override
  public byte[] content() {
    return content.clone();
  }
}
