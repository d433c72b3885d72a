package org.danerelay.server.outbound.smtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import java.io.IOException;
import java.io.InputStream;

/**
 * Streams message content as DATA needs it: every line ending as CRLF, a leading {@code "."}
 * doubled, and the {@code CRLF.CRLF} terminator at the end (RFC 5321 4.5.2, 4.1.1.4).
 *
 * <p>Bare CR and bare LF become CRLF (RFC 5321 2.3.8 forbids them): that keeps the content from
 * carrying {@code LF.LF} or {@code CR.CR} sequences that another server might read as the end of
 * data (SMTP smuggling). The content is read on the event loop; spool files are local, as Netty's
 * own {@code ChunkedFile} assumes.
 */
final class DotStuffingInput implements ChunkedInput<ByteBuf> {

  private static final int CHUNK = 16 * 1024;

  private final InputStream in;
  private final byte[] raw = new byte[CHUNK];
  private boolean atLineStart = true;
  private boolean afterCr;
  private boolean finished;
  private long progress;

  DotStuffingInput(InputStream in) {
    this.in = in;
  }

  @Override
  public boolean isEndOfInput() {
    return finished;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  @Override
  public ByteBuf readChunk(ChannelHandlerContext ctx) throws IOException {
    return readChunk(ctx.alloc());
  }

  @Override
  public ByteBuf readChunk(ByteBufAllocator allocator) throws IOException {
    if (finished) {
      return null;
    }
    int n = in.read(raw);
    if (n < 0) {
      finished = true;
      ByteBuf end = allocator.buffer(5);
      if (!atLineStart) {
        end.writeByte('\r').writeByte('\n');
      }
      end.writeByte('.').writeByte('\r').writeByte('\n');
      return end;
    }
    progress += n;
    // Copied a run at a time, up to each line end or leading dot: a writeByte per byte cost the
    // event loop more than the TLS encryption of the same bytes (docs/performance.md).
    ByteBuf out = allocator.buffer(n + n / 16 + 8);
    int run = 0; // the first byte not yet copied
    for (int i = 0; i < n; i++) {
      byte b = raw[i];
      if (afterCr) {
        afterCr = false;
        if (b == '\n') {
          run = i + 1; // the CRLF went out when the CR came
          continue;
        }
      }
      if (b == '\r' || b == '\n') {
        out.writeBytes(raw, run, i - run).writeByte('\r').writeByte('\n');
        run = i + 1;
        atLineStart = true;
        afterCr = b == '\r';
        continue;
      }
      if (atLineStart && b == '.') {
        out.writeBytes(raw, run, i - run).writeByte('.'); // RFC 5321 4.5.2: transparency
        run = i; // the dot itself goes out with the rest of the line
      }
      atLineStart = false;
    }
    out.writeBytes(raw, run, n - run);
    return out;
  }

  @Override
  public long length() {
    return -1;
  }

  @Override
  public long progress() {
    return progress;
  }
}
