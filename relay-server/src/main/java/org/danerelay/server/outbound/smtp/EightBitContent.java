package org.danerelay.server.outbound.smtp;

import java.io.IOException;
import java.io.InputStream;

/** Whether a message has octets above 127: what a server without 8BITMIME cannot take. */
final class EightBitContent {

  private EightBitContent() {}

  /** Reads the whole content; only for the rare server that does not announce 8BITMIME. */
  static boolean in(MessageBody body) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = body.open()) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] < 0) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
