package org.danerelay.server.verify;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A blocking SMTP client connection for one short conversation, every read bounded by one deadline
 * for the whole of it: a recipient callout to {@code local.forward}, a {@code dane check} probe.
 */
public final class CalloutConnection implements Closeable {

  // RFC 5321 4.5.3.1.5 allows 512 octets a reply line; a little slack, then it is garbage.
  private static final int MAX_LINE = 1024;
  private static final int MAX_LINES = 100;

  private final long deadlineNanos;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  private CalloutConnection(Socket socket, long deadlineNanos) throws IOException {
    this.deadlineNanos = deadlineNanos;
    use(socket);
  }

  /** Connects within the deadline, given as a {@link System#nanoTime()} value. */
  public static CalloutConnection open(InetSocketAddress to, long deadlineNanos)
      throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(to, remainingMillis(deadlineNanos));
      return new CalloutConnection(socket, deadlineNanos);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** Sends one command line and reads its reply. */
  public CalloutReply command(String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return reply();
  }

  /** Reads one reply, multi-line or not (RFC 5321 4.2.1). */
  public CalloutReply reply() throws IOException {
    List<String> lines = new ArrayList<>();
    int code = -1;
    while (lines.size() < MAX_LINES) {
      String line = readLine();
      if (line.length() < 3 || !line.substring(0, 3).chars().allMatch(Character::isDigit)) {
        throw new IOException("malformed reply line: " + LogText.escape(line));
      }
      int lineCode = Integer.parseInt(line.substring(0, 3));
      if (code >= 0 && lineCode != code) {
        throw new IOException("reply code changed within a reply: " + LogText.escape(line));
      }
      code = lineCode;
      boolean more = line.length() > 3 && line.charAt(3) == '-';
      lines.add(line.length() > 4 ? line.substring(4) : "");
      if (!more) {
        return new CalloutReply(code, lines);
      }
    }
    throw new IOException("reply longer than " + MAX_LINES + " lines");
  }

  /**
   * Wraps the connection in TLS after a {@code 220} to STARTTLS. Anything the server sent after
   * that 220 would be read as if it came through TLS (RFC 3207 6, response injection): refuse it.
   */
  public void startTls(SSLContext context) throws IOException {
    InetSocketAddress peer = (InetSocketAddress) socket.getRemoteSocketAddress();
    startTls(context, peer.getAddress().getHostAddress(), parameters -> {});
  }

  /**
   * Like {@link #startTls(SSLContext)}, for {@code serverName} (SNI when it is a host name), with
   * the handshake's parameters adjusted by {@code tune} after TLS 1.2 and 1.3 are set.
   *
   * @return the TLS session
   */
  public SSLSession startTls(SSLContext context, String serverName, Consumer<SSLParameters> tune)
      throws IOException {
    if (in.available() > 0) {
      throw new IOException("data after the 220 to STARTTLS (RFC 3207 6)");
    }
    InetSocketAddress peer = (InetSocketAddress) socket.getRemoteSocketAddress();
    SSLSocket tls =
        (SSLSocket)
            context.getSocketFactory().createSocket(socket, serverName, peer.getPort(), true);
    tls.setUseClientMode(true);
    SSLParameters parameters = tls.getSSLParameters();
    parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
    tune.accept(parameters);
    tls.setSSLParameters(parameters);
    tls.setSoTimeout(remainingMillis(deadlineNanos));
    tls.startHandshake();
    use(tls);
    return tls.getSession();
  }

  /**
   * Says QUIT and waits for the answer within the deadline; the verdict no longer depends on it.
   */
  public void quitQuietly() {
    try {
      command("QUIT");
    } catch (IOException e) {
      // RFC 5321 4.1.1.10: the server should answer and close; if it does not, we close.
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private void use(Socket connected) throws IOException {
    socket = connected;
    in = new BufferedInputStream(connected.getInputStream(), 4096);
    out = connected.getOutputStream();
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    while (true) {
      socket.setSoTimeout(remainingMillis(deadlineNanos));
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed by the server");
      }
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int end =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
      }
      if (line.size() >= MAX_LINE) {
        throw new IOException("reply line longer than " + MAX_LINE + " octets");
      }
      line.write(b);
    }
  }

  /** Milliseconds left, at least 1 (0 would mean "wait forever" to a socket). */
  private static int remainingMillis(long deadlineNanos) throws SocketTimeoutException {
    long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
    if (left <= 0) {
      throw new SocketTimeoutException("deadline passed");
    }
    return (int) Math.min(left, Integer.MAX_VALUE);
  }
}
