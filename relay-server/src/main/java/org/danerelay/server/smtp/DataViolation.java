package org.danerelay.server.smtp;

/** Why a message's content was refused, each with the reply the client gets after DATA. */
public enum DataViolation {
  /**
   * A CR or LF that is not part of a CRLF pair. Refused rather than normalized: a bare line end is
   * what SMTP smuggling hides its second message behind (RFC 5321 2.3.8; docs/adr/0002).
   */
  BARE_LINE_END("550 5.6.0 Message refused: bare CR or LF in message content; lines end in CRLF"),
  /** A line longer than the limit (RFC 5321 4.5.3.1.6 allows 998 octets plus CRLF). */
  LINE_TOO_LONG("550 5.6.0 Message refused: a line is longer than the limit"),
  /** More octets than SIZE advertised (RFC 1870). */
  TOO_BIG("552 5.3.4 Message size exceeds fixed maximum message size");

  private final String reply;

  DataViolation(String reply) {
    this.reply = reply;
  }

  /** The complete SMTP reply for the client. */
  public String reply() {
    return reply;
  }
}
