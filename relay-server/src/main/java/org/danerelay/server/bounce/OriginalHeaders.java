package org.danerelay.server.bounce;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The header section of the original message, as returned in the DSN's {@code text/rfc822-headers}
 * part (RFC 6522 4).
 *
 * <p>Only the headers: the body is never read, which is what RET=HDRS asks for (RFC 3461 4.3) and
 * keeps the bounce from carrying the content back. Reading stops at the blank line or at a size
 * bound; a header section cut by the bound keeps only its complete fields.
 *
 * @param lines the header lines without their line ends, continuation lines included
 * @param truncated whether the bound cut the section short
 */
public record OriginalHeaders(List<byte[]> lines, boolean truncated) {

  /** The default bound: 64 KiB is far above any real header section. */
  public static final int DEFAULT_LIMIT = 64 * 1024;

  public OriginalHeaders {
    lines = List.copyOf(lines).stream().map(byte[]::clone).toList();
  }

  /** The header lines; copies, so the record stays immutable. */
  @Override
  public List<byte[]> lines() {
    return lines.stream().map(byte[]::clone).toList();
  }

  /** No headers at all, for a caller that lost the message content. */
  public static OriginalHeaders none() {
    return new OriginalHeaders(List.of(), false);
  }

  /**
   * Reads the header section from the start of a message, at most {@code limit} bytes; the stream
   * is left open and positioned somewhere in the message.
   *
   * <p>Lines end at LF with an optional CR before it; a CR anywhere else stays in the line and is
   * encoded when written.
   */
  public static OriginalHeaders read(InputStream message, int limit) throws IOException {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive");
    }
    List<byte[]> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int consumed = 0;
    while (consumed < limit) {
      int b = message.read();
      if (b < 0) {
        // A message that is all header section (RFC 5322 3.5: the body is optional).
        if (line.size() > 0) {
          lines.add(line.toByteArray());
        }
        return new OriginalHeaders(lines, false);
      }
      consumed++;
      if (b != '\n') {
        line.write(b);
        continue;
      }
      byte[] complete = withoutTrailingCr(line.toByteArray());
      line.reset();
      if (complete.length == 0) {
        return new OriginalHeaders(lines, false); // RFC 5322 2.1: the blank line ends the headers
      }
      lines.add(complete);
    }
    return new OriginalHeaders(withoutLastField(lines), true);
  }

  private static byte[] withoutTrailingCr(byte[] line) {
    int n = line.length;
    return n > 0 && line[n - 1] == '\r' ? Arrays.copyOf(line, n - 1) : line;
  }

  // The bound may have cut the last field between its continuation lines: drop it whole.
  private static List<byte[]> withoutLastField(List<byte[]> lines) {
    int last = lines.size() - 1;
    while (last > 0 && isContinuation(lines.get(last))) {
      last--;
    }
    return last < 0 ? lines : new ArrayList<>(lines.subList(0, last));
  }

  private static boolean isContinuation(byte[] line) {
    return line.length > 0 && (line[0] == ' ' || line[0] == '\t');
  }
}
