package org.danerelay.server.smtp;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * Builds the trace header this relay prepends to each message (RFC 5321 4.4, RFC 5322 3.6.7).
 *
 * @param heloName what the client said in HELO/EHLO; sanitized here, since it is client input
 * @param clientAddress the client's IP address literal
 * @param clientName the client's name from a reverse lookup, when that is configured
 * @param byHost this relay's host name
 * @param protocol the "with" keyword of RFC 3848: SMTP, ESMTP, ESMTPS, ESMTPA, ESMTPSA
 * @param tls protocol and cipher, such as {@code TLSv1.3:TLS_AES_256_GCM_SHA384}, when TLS was up
 * @param queueId the queue id given to this message
 * @param singleRecipient the "for" clause, only for a single recipient (privacy)
 * @param time when the message was received
 */
public record ReceivedHeader(
    String heloName,
    String clientAddress,
    Optional<String> clientName,
    String byHost,
    String protocol,
    Optional<String> tls,
    String queueId,
    Optional<String> singleRecipient,
    ZonedDateTime time) {

  private static final DateTimeFormatter RFC_5322_DATE =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

  /** The header field with CRLF line ends, folded, ending in CRLF. */
  public String render() {
    StringBuilder header = new StringBuilder("Received: from ");
    header.append(sanitize(heloName));
    header.append(" (").append(clientName.map(ReceivedHeader::sanitize).orElse("unknown"));
    header.append(" [").append(clientAddress).append("])\r\n");
    header.append("\tby ").append(byHost).append(" (DaneRelay) with ").append(protocol);
    tls.ifPresent(t -> header.append(" (").append(sanitize(t)).append(')'));
    header.append("\r\n\tid ").append(queueId);
    singleRecipient.ifPresent(r -> header.append("\r\n\tfor <").append(sanitize(r)).append('>'));
    header.append("; ").append(RFC_5322_DATE.format(time)).append("\r\n");
    return header.toString();
  }

  /** Keeps printable ASCII without parentheses or brackets, so client text cannot reshape us. */
  private static String sanitize(String text) {
    StringBuilder clean = new StringBuilder(Math.min(text.length(), 255));
    for (int i = 0; i < text.length() && clean.length() < 255; i++) {
      char c = text.charAt(i);
      boolean safe = c > 0x20 && c < 0x7f && "()[]<>;\\".indexOf(c) < 0;
      clean.append(safe ? c : '?');
    }
    return clean.isEmpty() ? "unknown" : clean.toString();
  }
}
