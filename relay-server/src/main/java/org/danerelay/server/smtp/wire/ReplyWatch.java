package org.danerelay.server.smtp.wire;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The session's replies on their way out, each final reply line's code given to the error count.
 *
 * <p>Replies are text lines {@code NNN SP text CRLF} or {@code NNN-text CRLF} for all but the last
 * line (RFC 5321 4.2.1); the count looks at the first digit of each final line.
 */
final class ReplyWatch extends FilterOutputStream {

  private final ErrorCount count;
  private int column;
  private char firstDigit;

  ReplyWatch(OutputStream out, ErrorCount count) {
    super(out);
    this.count = count;
  }

  @Override
  public void write(int octet) throws IOException {
    see((byte) octet);
    out.write(octet);
  }

  // FilterOutputStream would write an array one octet at a time.
  @Override
  public void write(byte[] octets, int offset, int length) throws IOException {
    for (int i = offset; i < offset + length; i++) {
      see(octets[i]);
    }
    out.write(octets, offset, length);
  }

  private void see(byte octet) {
    if (octet == '\n') {
      column = 0;
      return;
    }
    if (column == 0) {
      firstDigit = (char) octet;
    } else if (column == 3 && octet == ' ') {
      count.replied(firstDigit);
    }
    column++;
  }
}
