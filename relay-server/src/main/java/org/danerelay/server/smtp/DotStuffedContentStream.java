package org.danerelay.server.smtp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The content of DATA as it arrives on the wire, read up to its end: removes dot-stuffing (RFC 5321
 * 4.5.2) and stops at {@code <CRLF>.<CRLF>}, the only end of data (4.1.1.4), never reading a byte
 * past it.
 *
 * <p>Bare CR and LF pass through unchanged (the guard refuses them). Reads in chunks and gives
 * back, through {@link InputStream#reset()}, whatever followed the end of data, so that commands a
 * client pipelines after the final dot stay for the command reader.
 *
 * <p>Written here rather than taken from SubEthaSMTP, whose streams read one byte per call and keep
 * a dot-stuffed first line as it is.
 */
final class DotStuffedContentStream extends InputStream {

  private static final int CHUNK = 4096;

  /** Where in a line the last byte left us. */
  private enum State {
    LINE_START,
    IN_LINE,
    AFTER_CR,
    DOT_AT_LINE_START,
    DOT_CR
  }

  private final InputStream in;
  private final byte[] chunk = new byte[CHUNK];
  // Each wire byte gives at most two content bytes: a held CR and the byte after it.
  private final byte[] decoded = new byte[2 * CHUNK];
  private int decodedPosition;
  private int decodedEnd;
  private State state = State.LINE_START;
  private boolean ended;

  /** {@code in} must support mark and reset, as the session's buffered stream does. */
  DotStuffedContentStream(InputStream in) {
    if (!in.markSupported()) {
      throw new IllegalArgumentException("the input must support mark/reset");
    }
    this.in = in;
  }

  @Override
  public int read() throws IOException {
    if (!ensureDecoded()) {
      return -1;
    }
    return decoded[decodedPosition++] & 0xff;
  }

  @Override
  public int read(byte[] out, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (!ensureDecoded()) {
      return -1;
    }
    int count = Math.min(length, decodedEnd - decodedPosition);
    System.arraycopy(decoded, decodedPosition, out, offset, count);
    decodedPosition += count;
    return count;
  }

  /** True when decoded content is waiting; false at the end of data. */
  private boolean ensureDecoded() throws IOException {
    while (decodedPosition == decodedEnd) {
      if (ended) {
        return false;
      }
      decodeChunk();
    }
    return true;
  }

  private void decodeChunk() throws IOException {
    in.mark(CHUNK);
    int read = in.read(chunk, 0, CHUNK);
    if (read < 0) {
      throw new EOFException("connection closed before <CRLF>.<CRLF>");
    }
    int consumed = 0;
    int produced = 0;
    while (consumed < read && !ended) {
      produced = decode(chunk[consumed++], produced);
    }
    decodedPosition = 0;
    decodedEnd = produced;
    if (consumed < read) {
      giveBack(consumed);
    }
  }

  /** Decodes one wire byte into {@code decoded} at {@code at}; returns the next free index. */
  private int decode(byte b, int at) {
    switch (state) {
      case LINE_START:
        if (b == '.') {
          state = State.DOT_AT_LINE_START;
          return at;
        }
        return inLine(b, at);
      case DOT_AT_LINE_START:
        if (b == '\r') {
          state = State.DOT_CR;
          return at;
        }
        // A leading dot with more on the line was stuffing: drop it (4.5.2).
        return inLine(b, at);
      case DOT_CR:
        if (b == '\n') {
          ended = true;
          return at;
        }
        // ".\r" and then something else: the dot was stuffing, the CR is content (a bare CR).
        return afterCr(b, at);
      case AFTER_CR:
        return afterCr(b, at);
      default:
        return inLine(b, at);
    }
  }

  private int inLine(byte b, int at) {
    if (b == '\r') {
      state = State.AFTER_CR;
      return at;
    }
    state = State.IN_LINE;
    decoded[at] = b;
    return at + 1;
  }

  /** The byte after a CR: CRLF ends a line; anything else leaves the CR as content. */
  private int afterCr(byte b, int at) {
    decoded[at++] = '\r';
    if (b == '\n') {
      decoded[at++] = '\n';
      state = State.LINE_START;
      return at;
    }
    return inLine(b, at);
  }

  /** Rewinds the input to just after the end of data: what follows belongs to the next command. */
  private void giveBack(int consumed) throws IOException {
    in.reset();
    long remaining = consumed;
    while (remaining > 0) {
      long skipped = in.skip(remaining);
      if (skipped <= 0) {
        throw new IOException("could not rewind the input to the end of data");
      }
      remaining -= skipped;
    }
  }
}
