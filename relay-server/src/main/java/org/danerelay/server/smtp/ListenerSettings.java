package org.danerelay.server.smtp;

import java.util.Objects;
import org.danerelay.server.verify.LocalRecipientCheck;

/**
 * What one SMTP listener enforces, taken from the configuration once at start-up.
 *
 * @param hostname the name in the banner, EHLO reply and Received headers
 * @param maxMessageSize octets; advertised with SIZE, larger messages get 552
 * @param maxRecipients per message; more get 452
 * @param maxLineLength octets in a message line, without CRLF
 * @param tlsRequired STARTTLS before MAIL (a submission listener)
 * @param resolveClientNames reverse DNS for Received headers (off by default: no DNS traffic)
 * @param authOffered AUTH is offered here when users are configured: always on a submission
 *     listener, on an {@code smtpd.listen} one only with {@code smtpd.auth.on-port-25}
 * @param localRecipients which recipients of local domains exist, asked at RCPT
 */
public record ListenerSettings(
    String hostname,
    long maxMessageSize,
    int maxRecipients,
    int maxLineLength,
    boolean tlsRequired,
    boolean resolveClientNames,
    boolean authOffered,
    LocalRecipientCheck localRecipients) {

  public ListenerSettings {
    if (maxMessageSize < 1 || maxRecipients < 1 || maxLineLength < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
    Objects.requireNonNull(localRecipients, "localRecipients");
  }

  /** The same listener with STARTTLS required before MAIL, and AUTH offered: a submission one. */
  public ListenerSettings requiringTls() {
    return new ListenerSettings(
        hostname,
        maxMessageSize,
        maxRecipients,
        maxLineLength,
        true,
        resolveClientNames,
        true,
        localRecipients);
  }
}
