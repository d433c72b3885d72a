package org.danerelay.server.smtp.wire;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** The raw output to a client, telling the clock while a write is under way. */
final class WatchedOutput extends FilterOutputStream {

  private final SessionClock clock;

  WatchedOutput(OutputStream raw, SessionClock clock) {
    super(raw);
    this.clock = clock;
  }

  @Override
  public void write(int octet) throws IOException {
    write(new byte[] {(byte) octet}, 0, 1);
  }

  // FilterOutputStream would write an array one octet at a time.
  @Override
  public void write(byte[] octets, int offset, int length) throws IOException {
    clock.writeStarted();
    try {
      out.write(octets, offset, length);
    } finally {
      clock.writeEnded();
    }
  }

  @Override
  public void flush() throws IOException {
    clock.writeStarted();
    try {
      out.flush();
    } finally {
      clock.writeEnded();
    }
  }
}
