package org.danerelay.server.outbound.faults;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Message bodies for the fault tests. */
final class TestMessages {

  /** Three short lines: sent in one write, long before any fault can strike mid-content. */
  static final byte[] SHORT = "Subject: fault\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);

  private static byte[] longOne;

  private TestMessages() {}

  /**
   * 12 MiB of 80-byte lines: more than the client's socket buffer (4 MiB at most here) and Netty's
   * 64 KiB can hold, so the client is still sending when a fault strikes mid-content.
   */
  static synchronized byte[] longMessage() {
    if (longOne == null) {
      int size = 12 << 20;
      byte[] body = new byte[size];
      Arrays.fill(body, (byte) 'x');
      byte[] head = "Subject: long\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(head, 0, body, 0, head.length);
      for (int i = head.length + 79; i < size; i += 80) {
        body[i - 1] = '\r';
        body[i] = '\n';
      }
      body[size - 2] = '\r';
      body[size - 1] = '\n';
      longOne = body;
    }
    return longOne;
  }
}
