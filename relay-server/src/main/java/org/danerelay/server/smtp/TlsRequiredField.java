package org.danerelay.server.smtp;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Finds a {@code TLS-Required: No} header field (RFC 8689 5) in the first bytes of a message, read
 * before the message is spooled so that the queue can keep what the sender asked.
 *
 * <p>Only the header section within those bytes counts: a field further down is not seen, and the
 * message keeps the relay's full policy, the safe side.
 */
final class TlsRequiredField {

  private static final String NAME = "tls-required:";

  private TlsRequiredField() {}

  /** Whether {@code head[0..length)} holds a {@code TLS-Required: No} field before the body. */
  static boolean saysNo(byte[] head, int length) {
    int start = 0;
    while (start < length) {
      int end = lineEnd(head, start, length);
      if (end < 0) {
        return false; // the line goes on past what was read: not judged
      }
      int contentEnd = end > start && head[end - 1] == '\r' ? end - 1 : end;
      if (contentEnd == start) {
        return false; // the empty line: the header section ended without the field
      }
      // Most fields are not this one: look at the first octet before making a string of it.
      if ((head[start] | 0x20) != 't') {
        start = end + 1;
        continue;
      }
      String line = new String(head, start, contentEnd - start, StandardCharsets.ISO_8859_1);
      if (line.regionMatches(true, 0, NAME, 0, NAME.length())) {
        String value = line.substring(NAME.length()).strip().toLowerCase(Locale.ROOT);
        return value.equals("no");
      }
      start = end + 1;
    }
    return false;
  }

  private static int lineEnd(byte[] head, int from, int length) {
    for (int i = from; i < length; i++) {
      if (head[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
