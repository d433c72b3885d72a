package org.danerelay.server.access;

/**
 * Refuses one recipient with the complete SMTP reply to send, such as {@code 554 5.7.1 Relay access
 * denied}.
 *
 * @param smtpReply one line, no CRLF: a 4xx or 5xx code, an RFC 3463 status and printable text
 */
public record Refused(String smtpReply) implements AccessDecision {

  public Refused {
    ReplySyntax.requireRefusal(smtpReply);
  }

  /** The three-digit reply code, e.g. {@code 554}. */
  public int replyCode() {
    return ReplySyntax.code(smtpReply);
  }

  /** The reply after the code, e.g. {@code 5.7.1 Relay access denied}. */
  public String replyText() {
    return ReplySyntax.text(smtpReply);
  }
}
