import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads SMTP lines (commands, replies, content) from a socket, byte for byte as ISO-8859-1 so no
 * octet is lost, without their CRLF; a bare LF also ends a line, since the harness only observes.
 */
final class SmtpLines {

  // Far above RFC 5321's 1000 octets (4.5.3.1.6): only a guard against a runaway peer.
  private static final int MAX_LINE = 65_536;

  private final InputStream in;

  SmtpLines(InputStream in) {
    this.in = new BufferedInputStream(in, 16_384);
  }

  /** The next line, or null when the peer closed the connection (a line cut short is dropped). */
  String read() throws IOException {
    StringBuilder line = new StringBuilder(128);
    while (true) {
      int b = in.read();
      if (b < 0) return null;
      if (b == '\n') {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') line.setLength(end - 1);
        return line.toString();
      }
      if (line.length() >= MAX_LINE) throw new IOException("line longer than " + MAX_LINE);
      line.append((char) b);
    }
  }
}
