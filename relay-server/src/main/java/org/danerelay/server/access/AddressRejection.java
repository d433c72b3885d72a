package org.danerelay.server.access;

/**
 * Reports that a {@code MAIL FROM} or {@code RCPT TO} argument is refused, carrying the complete
 * SMTP reply to send, such as {@code 501 5.1.3 Bad recipient address syntax}.
 *
 * <p>It is an expected outcome, not a fault: it records no stack trace, and its reply is a constant
 * that never quotes the client's input.
 */
public final class AddressRejection extends Exception {

  private final String smtpReply;

  AddressRejection(String smtpReply) {
    super(ReplySyntax.requireRefusal(smtpReply), null, false, false);
    this.smtpReply = smtpReply;
  }

  /** The whole reply line without CRLF, e.g. {@code 501 5.1.3 Source routes are not accepted}. */
  public String smtpReply() {
    return smtpReply;
  }

  /** The three-digit reply code, e.g. {@code 501}. */
  public int replyCode() {
    return ReplySyntax.code(smtpReply);
  }

  /** The reply after the code, e.g. {@code 5.1.3 Source routes are not accepted}. */
  public String replyText() {
    return ReplySyntax.text(smtpReply);
  }
}
