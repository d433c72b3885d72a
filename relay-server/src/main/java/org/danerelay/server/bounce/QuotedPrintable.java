package org.danerelay.server.bounce;

import java.util.List;

/**
 * Quoted-printable (RFC 2045 6.7) for a part whose lines are not plain 7-bit text: 8-bit or control
 * octets, or lines over 998 octets. The result is 7-bit with lines of at most 76.
 */
final class QuotedPrintable {

  private static final int MAX_LINE = 76;
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private QuotedPrintable() {}

  /** Whether every line is already safe as 7bit (RFC 2045 2.7): short, no NUL, CR or 8-bit. */
  static boolean isSevenBitSafe(List<byte[]> lines) {
    for (byte[] line : lines) {
      if (line.length > 998) {
        return false;
      }
      for (byte b : line) {
        int c = b & 0xff;
        if (c >= 0x80 || (c < 0x20 && c != '\t') || c == 0x7f) {
          return false;
        }
      }
    }
    return true;
  }

  /** Encodes the lines, each ending in CRLF; the line breaks stay hard line breaks. */
  static String encode(List<byte[]> lines) {
    StringBuilder out = new StringBuilder();
    for (byte[] line : lines) {
      int lineLength = 0;
      for (int i = 0; i < line.length; i++) {
        int c = line[i] & 0xff;
        boolean last = i == line.length - 1;
        // Rule 3: space and tab are literal unless they would end an encoded line.
        boolean literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last);
        String token = literal ? String.valueOf((char) c) : escape(c);
        // Rule 5: a soft line break "=" keeps encoded lines at 76 characters or fewer.
        if (lineLength + token.length() > MAX_LINE - 1) {
          out.append("=\r\n");
          lineLength = 0;
        }
        out.append(token);
        lineLength += token.length();
      }
      out.append("\r\n");
    }
    return out.toString();
  }

  private static String escape(int c) {
    return new String(new char[] {'=', HEX[c >> 4], HEX[c & 0xf]});
  }
}
