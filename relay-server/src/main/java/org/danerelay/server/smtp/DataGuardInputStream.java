package org.danerelay.server.smtp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Watches message content as it streams by and remembers the first {@link DataViolation}: bare CR
 * or LF, an overlong line, or too many octets.
 *
 * <p>It never changes the bytes; the reader decides what to do once {@link #violation()} is set.
 * Reading goes on to the end of DATA so that nothing the client sent is taken for a command.
 */
public final class DataGuardInputStream extends FilterInputStream {

  private static final int CR = '\r';
  private static final int LF = '\n';

  private final long maxSize;
  private final int maxLineLength;
  private long size;
  private int lineLength;
  private boolean afterCr;
  private DataViolation violation;

  public DataGuardInputStream(InputStream in, long maxSize, int maxLineLength) {
    super(in);
    this.maxSize = maxSize;
    this.maxLineLength = maxLineLength;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      inspect(b);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int count = super.read(buffer, offset, length);
    for (int i = 0; i < count; i++) {
      inspect(buffer[offset + i] & 0xff);
    }
    return count;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes must be inspected too, so skipping reads.
    byte[] sink = new byte[8192];
    long skipped = 0;
    while (skipped < n) {
      int count = read(sink, 0, (int) Math.min(sink.length, n - skipped));
      if (count < 0) {
        break;
      }
      skipped += count;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /** The first violation seen, or null while the content is clean. */
  public DataViolation violation() {
    return violation;
  }

  /** Octets read so far. */
  public long size() {
    return size;
  }

  private void inspect(int b) {
    size++;
    if (size > maxSize) {
      flag(DataViolation.TOO_BIG);
    }
    if (afterCr) {
      afterCr = false;
      if (b == LF) {
        lineLength = 0;
        return;
      }
      flag(DataViolation.BARE_LINE_END);
    }
    if (b == CR) {
      afterCr = true;
    } else if (b == LF) {
      flag(DataViolation.BARE_LINE_END);
    } else if (++lineLength > maxLineLength) {
      flag(DataViolation.LINE_TOO_LONG);
    }
  }

  private void flag(DataViolation found) {
    if (violation == null) {
      violation = found;
    }
  }
}
