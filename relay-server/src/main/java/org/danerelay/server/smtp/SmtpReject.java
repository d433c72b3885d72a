package org.danerelay.server.smtp;

import org.subethamail.smtp.RejectException;

/** Turns a complete SMTP reply such as {@code 554 5.7.1 Relay access denied} into a rejection. */
final class SmtpReject {

  private SmtpReject() {}

  static RejectException of(String reply) {
    return new RejectException(Integer.parseInt(reply.substring(0, 3)), reply.substring(4));
  }
}
