package org.danerelay.server.smtp.wire;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.SocketException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's plaintext input as SubEthaSMTP's reader gets it: one whole command line per read,
 * message content up to its end, and every wait on the client reported to the session's clock.
 *
 * <p>Handing out whole lines is what lets an overlong command line be answered {@code 500 5.5.2}
 * with the session going on (RFC 5321 4.5.3.1.4 and 4.2.4): the reader, which would drop the
 * connection, never sees it. One line at a time also means that nothing read ahead sits in the
 * reader's buffer when a command such as DATA changes how the octets after it are read.
 */
public final class CommandLineInput extends InputStream {

  /** The most octets before CRLF in a command line: SubEthaSMTP's reader fails at 998. */
  static final int MAX_COMMAND_LINE = 997;

  private static final Logger log = LoggerFactory.getLogger(CommandLineInput.class);
  private static final byte[] LINE_TOO_LONG = "500 5.5.2 Line too long\r\n".getBytes(US_ASCII);
  private static final byte[] TOO_MANY_ERRORS =
      "421 4.7.0 Error: too many errors, closing connection\r\n".getBytes(US_ASCII);
  // A TLS record starts with its content type; 22 is a handshake, as a ClientHello is.
  private static final byte TLS_HANDSHAKE = 0x16;
  // A fatal unexpected_message alert (RFC 8446 6): what a TLS peer expects instead of SMTP.
  private static final byte[] UNEXPECTED_MESSAGE_ALERT = {0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x0a};

  private final InputStream in;
  private final OutputStream replies;
  private final SessionClock clock;
  private final ErrorCount errors;
  private final String client;
  private final boolean plaintext;
  private final byte[] buffer = new byte[4096];
  private final byte[] one = new byte[1];
  private int start;
  private int end;

  /** Octets from {@code start} that may be handed out now: the rest of a whole line or content. */
  private int deliverable;

  /** Set while message content is read, until its end. */
  private EndOfData content;

  /** Set while a PROXY protocol header is read. */
  private boolean proxyHeader;

  /**
   * @param replies where the session's replies go, for the reply to an overlong line
   * @param plaintext no TLS on this connection (yet): a ClientHello here is answered with an alert
   */
  CommandLineInput(
      InputStream in,
      OutputStream replies,
      SessionClock clock,
      ErrorCount errors,
      String client,
      boolean plaintext) {
    this.in = in;
    this.replies = replies;
    this.clock = clock;
    this.errors = errors;
    this.client = client;
    this.plaintext = plaintext;
  }

  /** A message was queued: the errors so far are forgiven, as Postfix forgives them. */
  public void messageAccepted() {
    errors.messageAccepted();
  }

  /** Until {@link #endProxyHeader}, octets pass as they come: a PROXY v2 header is binary. */
  public void startProxyHeader() {
    proxyHeader = true;
    clock.commandAwaited(); // a proxy that sends no header is cut off like a silent client
  }

  public void endProxyHeader() {
    proxyHeader = false;
  }

  /** The next octets are message content, up to and including {@code <CRLF>.<CRLF>}. */
  public void startContent() {
    content = new EndOfData();
    clock.contentStarted();
  }

  @Override
  public int read() throws IOException {
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] into, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (deliverable == 0 && !prepare()) {
      return -1;
    }
    int count = Math.min(length, deliverable);
    System.arraycopy(buffer, start, into, offset, count);
    start += count;
    deliverable -= count;
    return count;
  }

  private boolean prepare() throws IOException {
    if (proxyHeader) {
      return prepareRaw();
    }
    return content != null ? prepareContent() : prepareLine();
  }

  /** Makes whatever has arrived deliverable; false at the end of the stream. */
  private boolean prepareRaw() throws IOException {
    if (start == end && !fill()) {
      return false;
    }
    deliverable = end - start;
    return true;
  }

  /** Makes content deliverable, up to its end at most; false at the end of the stream. */
  private boolean prepareContent() throws IOException {
    if (start == end && !fill()) {
      return false;
    }
    int at = start;
    while (at < end) {
      if (content.endsWith(buffer[at++])) {
        content = null;
        clock.contentEnded();
        break;
      }
    }
    deliverable = at - start;
    return true;
  }

  /** Makes the next whole command line deliverable; false at the end of the stream. */
  private boolean prepareLine() throws IOException {
    // Awaited first: the session time limit holds while an erring client is made to wait.
    clock.commandAwaited();
    heedErrors();
    while (true) {
      int lineEnd = crlfEnd(start, Math.min(end, start + MAX_COMMAND_LINE + 2));
      if (lineEnd > 0) {
        deliverable = lineEnd - start;
        errors.commandArrived(buffer, start, deliverable);
        clock.commandArrived();
        return true;
      }
      if (end - start >= MAX_COMMAND_LINE + 2) {
        if (!discardOverlongLine()) {
          return false;
        }
        clock.commandAwaited();
      } else if (plaintext && end > start && buffer[start] == TLS_HANDSHAKE) {
        refuseTls();
      } else if (!fill()) {
        return false;
      }
    }
  }

  /** The index just past the first CRLF in {@code [from, to)}, or -1. */
  private int crlfEnd(int from, int to) {
    for (int i = from + 1; i < to; i++) {
      if (buffer[i] == '\n' && buffer[i - 1] == '\r') {
        return i + 1;
      }
    }
    return -1;
  }

  /** Drops the line up to its CRLF and answers it; false if the stream ends first. */
  private boolean discardOverlongLine() throws IOException {
    boolean afterCr = false;
    while (true) {
      while (start < end) {
        byte octet = buffer[start++];
        if (afterCr && octet == '\n') {
          log.info("[{}] sent a command line over {} octets: 500 5.5.2", client, MAX_COMMAND_LINE);
          replies.write(LINE_TOO_LONG);
          replies.flush();
          return true;
        }
        afterCr = octet == '\r';
      }
      if (!fill()) {
        return false;
      }
    }
  }

  /** Past the soft limit each command waits; at the hard limit the session ends. */
  private void heedErrors() throws IOException {
    switch (errors.beforeNextCommand()) {
      case END -> {
        log.info("[{}] made {} errors: 421 4.7.0 and closed", client, errors.errors());
        replies.write(TOO_MANY_ERRORS);
        replies.flush();
        throw new SocketException("too many errors");
      }
      case SLOW_DOWN -> pause(errors.limits().sleep());
      case GO_ON -> {}
    }
  }

  private static void pause(Duration sleep) throws InterruptedIOException {
    try {
      Thread.sleep(sleep.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while slowing an erring client down");
    }
  }

  private void refuseTls() throws IOException {
    log.info("[{}] began a TLS handshake without STARTTLS: sent a TLS alert and closed", client);
    replies.write(UNEXPECTED_MESSAGE_ALERT);
    replies.flush();
    throw new SocketException("TLS handshake on the plaintext port");
  }

  /** Reads more from the client into the buffer; false at the end of the stream. */
  private boolean fill() throws IOException {
    if (start == end) {
      start = end = 0;
    } else if (end == buffer.length) {
      System.arraycopy(buffer, start, buffer, 0, end - start);
      end -= start;
      start = 0;
    }
    int read = -1;
    clock.readStarted();
    try {
      read = in.read(buffer, end, buffer.length - end);
    } catch (SSLException e) {
      // The TLS layer has sent its alert and closed; the session ends quietly, said once here.
      log.info("TLS with [{}] failed: {}", client, e.getMessage());
      throw new SocketException("TLS failed: " + e.getMessage());
    } finally {
      clock.readEnded(read);
    }
    if (read < 0) {
      return false;
    }
    end += read;
    return true;
  }

  /** What was received and not yet handed out, and what the client has sent beyond it. */
  @Override
  public int available() throws IOException {
    return end - start + in.available();
  }

  /** Drops what was received and not handed out, then what is waiting, never blocking. */
  @Override
  public long skip(long count) throws IOException {
    long dropped = Math.min(count, end - start);
    start += (int) dropped;
    deliverable = 0;
    long waiting = Math.min(count - dropped, in.available());
    return dropped + (waiting > 0 ? in.skip(waiting) : 0);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
