package org.danerelay.server.smtp.wire;

/**
 * Finds {@code <CRLF>.<CRLF>} in message content as it arrives, octet by octet.
 *
 * <p>Only CRLF ends a line and only a line of one dot ends the content (RFC 5321 4.1.1.4), the same
 * rule as the content stream's: both must agree on where the content ends, or the octets after it
 * would be read as the wrong thing (the way SMTP smuggling works).
 */
final class EndOfData {

  private enum State {
    LINE_START,
    IN_LINE,
    CR,
    DOT,
    DOT_CR
  }

  // The content starts right after the CRLF of DATA: at the start of a line.
  private State state = State.LINE_START;

  /** Takes the next octet; true when it was the LF of the final {@code <CRLF>.<CRLF>}. */
  boolean endsWith(byte octet) {
    state =
        switch (state) {
          case LINE_START -> octet == '.' ? State.DOT : inLine(octet);
          case DOT -> octet == '\r' ? State.DOT_CR : inLine(octet);
          case DOT_CR -> octet == '\n' ? null : inLine(octet);
          case CR -> octet == '\n' ? State.LINE_START : inLine(octet);
          case IN_LINE -> inLine(octet);
        };
    return state == null;
  }

  private static State inLine(byte octet) {
    return octet == '\r' ? State.CR : State.IN_LINE;
  }
}
