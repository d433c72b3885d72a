package org.danerelay.server.smtp.wire;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The raw octets under TLS, refused the moment a record header is not TLS.
 *
 * <p>The JDK reads a record's length from its header and waits for that many octets before it looks
 * further: plaintext such as {@code MAIL FROM:} reads as a 19,488-octet record, so a client that
 * injects plaintext under TLS would hold the session for a whole timeout. Refusing the header makes
 * the JDK send a fatal {@code unexpected_message} alert and close at once (it answers any plain
 * {@code IOException} from below that way).
 */
final class TlsRecordInput extends FilterInputStream {

  private static final int HEADER = 5;
  // RFC 5246 6.2.3: a TLSCiphertext fragment is at most 2^14 + 2048 octets (TLS 1.3: + 256).
  private static final int MAX_FRAGMENT = (1 << 14) + 2048;

  private final byte[] header = new byte[HEADER];
  private int headerSeen;
  private int fragmentLeft;

  TlsRecordInput(InputStream raw) {
    super(raw);
  }

  @Override
  public int read() throws IOException {
    int octet = in.read();
    if (octet >= 0) {
      take((byte) octet);
    }
    return octet;
  }

  @Override
  public int read(byte[] into, int offset, int length) throws IOException {
    int read = in.read(into, offset, length);
    int at = offset;
    int end = offset + Math.max(read, 0);
    while (at < end) {
      // Record bodies pass in one step: only the five header octets are looked at one by one.
      int body = Math.min(fragmentLeft, end - at);
      fragmentLeft -= body;
      at += body;
      if (at < end) {
        take(into[at++]);
      }
    }
    return read;
  }

  private void take(byte octet) throws IOException {
    if (fragmentLeft > 0) {
      fragmentLeft--;
      return;
    }
    header[headerSeen++] = octet;
    if (headerSeen == 1 && (octet < 20 || octet > 24)) {
      // RFC 8446 5.1 and RFC 5246 6.2.1: content types 20 to 24 (24 is heartbeat, RFC 6520).
      throw new IOException("not a TLS record: content type " + (octet & 0xff));
    }
    if (headerSeen == 2 && octet != 3) {
      throw new IOException("not a TLS record: protocol version " + (octet & 0xff));
    }
    if (headerSeen == HEADER) {
      fragmentLeft = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
      headerSeen = 0;
      if (fragmentLeft > MAX_FRAGMENT) {
        throw new IOException("not a TLS record: length " + fragmentLeft);
      }
    }
  }

  @Override
  public long skip(long count) throws IOException {
    throw new IOException("skipping would lose track of the TLS records");
  }
}
