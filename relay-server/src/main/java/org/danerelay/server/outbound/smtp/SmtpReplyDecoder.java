package org.danerelay.server.outbound.smtp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes server bytes into {@link SmtpReply} values, one complete (possibly multi-line) reply at a
 * time, refusing anything that is not a reply or exceeds the limits.
 *
 * <p>RFC 5321 4.2: every line is {@code code [SP text] CRLF}, continuation lines use {@code code-}
 * and all lines of a reply share one code. A bare LF also ends a line (lenient reading); the text
 * is read as UTF-8 with replacement, since RFC 6531 servers may send UTF-8.
 */
public final class SmtpReplyDecoder extends ByteToMessageDecoder {

  /** Longest accepted line, CRLF included: RFC 5321 4.5.3.1.5 says 512; real servers send more. */
  public static final int DEFAULT_MAX_LINE_LENGTH = 2048;

  /** Most lines in one reply; EHLO replies with a few dozen lines are already unusual. */
  public static final int DEFAULT_MAX_LINES = 100;

  private final int maxLineLength;
  private final int maxLines;
  private final List<String> pendingLines = new ArrayList<>();
  private int pendingCode = -1;

  public SmtpReplyDecoder() {
    this(DEFAULT_MAX_LINE_LENGTH, DEFAULT_MAX_LINES);
  }

  public SmtpReplyDecoder(int maxLineLength, int maxLines) {
    if (maxLineLength < 6 || maxLines < 1) {
      throw new IllegalArgumentException("limits too small: " + maxLineLength + ", " + maxLines);
    }
    this.maxLineLength = maxLineLength;
    this.maxLines = maxLines;
  }

  /**
   * Whether bytes or lines are held that do not yet form a reply: used right after the {@code 220}
   * to STARTTLS, where anything buffered is an injection (DANE-RULES 5).
   */
  public boolean hasPendingInput() {
    return actualReadableBytes() > 0 || !pendingLines.isEmpty();
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    while (true) {
      int start = in.readerIndex();
      int lf = in.indexOf(start, in.writerIndex(), (byte) '\n');
      if (lf < 0) {
        if (in.readableBytes() >= maxLineLength) {
          throw fail("reply line longer than " + maxLineLength + " bytes");
        }
        return;
      }
      if (lf - start + 1 > maxLineLength) {
        throw fail("reply line longer than " + maxLineLength + " bytes");
      }
      int end = lf > start && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
      String line = in.toString(start, end - start, StandardCharsets.UTF_8);
      in.readerIndex(lf + 1);
      if (addLine(line)) {
        out.add(new SmtpReply(pendingCode, pendingLines));
        pendingLines.clear();
        pendingCode = -1;
        return; // one reply per call: the handler sees it before the next is decoded
      }
    }
  }

  /** Adds one line; true when it was the last line of a reply. */
  private boolean addLine(String line) {
    if (line.length() < 3 || !validCode(line)) {
      throw fail("not an SMTP reply line: '" + printable(line) + "'");
    }
    boolean last;
    if (line.length() == 3 || line.charAt(3) == ' ') {
      last = true;
    } else if (line.charAt(3) == '-') {
      last = false;
    } else {
      throw fail("reply code not followed by space or hyphen: '" + printable(line) + "'");
    }
    int code = Integer.parseInt(line.substring(0, 3));
    if (pendingCode >= 0 && code != pendingCode) {
      throw fail("multi-line reply changed its code from " + pendingCode + " to " + code);
    }
    if (pendingLines.size() >= maxLines) {
      throw fail("reply longer than " + maxLines + " lines");
    }
    pendingCode = code;
    pendingLines.add(line.length() > 4 ? line.substring(4) : "");
    return last;
  }

  // RFC 5321 4.2: first digit 2-5, second 0-5, third 0-9.
  private static boolean validCode(String line) {
    char first = line.charAt(0);
    char second = line.charAt(1);
    char third = line.charAt(2);
    return first >= '2'
        && first <= '5'
        && second >= '0'
        && second <= '5'
        && third >= '0'
        && third <= '9';
  }

  private MalformedReplyException fail(String message) {
    pendingLines.clear();
    pendingCode = -1;
    return new MalformedReplyException(message);
  }

  private static String printable(String line) {
    String cut = line.length() > 80 ? line.substring(0, 80) + "..." : line;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
