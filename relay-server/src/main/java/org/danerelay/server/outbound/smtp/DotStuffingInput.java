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
    ByteBuf out = allocator.buffer(n * 2);
    for (int i = 0; i < n; i++) {
      byte b = raw[i];
      if (afterCr) {
        afterCr = false;
        if (b == '\n') {
          continue; // the CRLF went out when the CR came
        }
      }
      if (b == '\r' || b == '\n') {
        out.writeByte('\r').writeByte('\n');
        atLineStart = true;
        afterCr = b == '\r';
        continue;
      }
      if (atLineStart && b == '.') {
        out.writeByte('.'); // RFC 5321 4.5.2: transparency
      }
      out.writeByte(b);
      atLineStart = false;
    }
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
