package org.danerelay.server.access;

/** Chooses the RFC 3463 status codes for a refusal by which path was being parsed. */
enum PathRole {
  /** The {@code MAIL FROM} path: RFC 3463 X.1.7 and X.1.8 name the sender. */
  REVERSE("5.1.7", "5.1.8", "sender"),
  /** The {@code RCPT TO} path: RFC 3463 X.1.3 and X.1.2 name the recipient. */
  FORWARD("5.1.3", "5.1.2", "recipient");

  private final String mailboxStatus;
  private final String systemStatus;
  private final String noun;

  PathRole(String mailboxStatus, String systemStatus, String noun) {
    this.mailboxStatus = mailboxStatus;
    this.systemStatus = systemStatus;
    this.noun = noun;
  }

  /** The catch-all for a path that does not match RFC 5321 4.1.2. */
  AddressRejection badSyntax() {
    return mailbox("Bad " + noun + " address syntax");
  }

  /** A 501 about the mailbox as a whole or its local part. */
  AddressRejection mailbox(String text) {
    return new AddressRejection("501 " + mailboxStatus + " " + text);
  }

  /** A 501 about the domain part. */
  AddressRejection badDomain() {
    return domain(501, "Bad " + noun + " domain syntax");
  }

  /** A refusal about the domain part with the given reply code. */
  AddressRejection domain(int code, String text) {
    return new AddressRejection(code + " " + systemStatus + " " + text);
  }

  /** RFC 6531 3.5: non-ASCII addresses need SMTPUTF8; X.6.7 is registered by RFC 6531. */
  AddressRejection needsSmtpUtf8() {
    return new AddressRejection("553 5.6.7 Non-ASCII address requires SMTPUTF8");
  }
}
