package org.danerelay.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.danerelay.server.tls.PemFiles;

/**
 * A deliberately low-level SMTP client for tests: sends exact bytes (bare LF, pipelined commands)
 * and reads whole replies, multi-line ones included. Every read has a timeout.
 */
public final class SmtpTestClient implements AutoCloseable {

  private static final int TIMEOUT_MS = 10_000;

  private final Path trusted;
  private final Socket tcp;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private int pushedBack = -1;

  private SmtpTestClient(Socket socket, Path trusted) throws IOException {
    this.trusted = trusted;
    this.tcp = socket;
    use(socket);
  }

  /** Connects to 127.0.0.1:{@code port}; STARTTLS will trust only {@code certificate}. */
  public static SmtpTestClient connect(int port, Path certificate) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
    return new SmtpTestClient(socket, certificate);
  }

  /** Connects to 127.0.0.1:{@code port} from the loopback address {@code from}. */
  public static SmtpTestClient connectFrom(String from, int port, Path certificate)
      throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(from, 0));
    socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
    return new SmtpTestClient(socket, certificate);
  }

  /** Reads one complete reply, e.g. {@code "250-a\r\n250 b"} without the final CRLF. */
  public String reply() throws IOException {
    StringBuilder reply = new StringBuilder();
    while (true) {
      String line = line();
      if (line == null) {
        return reply.isEmpty() ? null : reply.toString();
      }
      reply.append(reply.isEmpty() ? "" : "\r\n").append(line);
      if (line.length() < 4 || line.charAt(3) != '-') {
        return reply.toString();
      }
    }
  }

  /** Sends {@code command} plus CRLF and returns the reply. */
  public String command(String command) throws IOException {
    send(command + "\r\n");
    String reply = reply();
    if (reply == null) {
      throw new java.io.EOFException("connection closed by the server after " + command);
    }
    return reply;
  }

  /** Sends raw text as it is (ISO-8859-1, so each char is one octet). */
  public void send(String raw) throws IOException {
    out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Reads the greeting and says EHLO; returns the EHLO reply. */
  public String hello() throws IOException {
    String greeting = reply();
    if (greeting == null || !greeting.startsWith("220")) {
      throw new IOException("no greeting: " + greeting);
    }
    return command("EHLO client.test");
  }

  /** STARTTLS and the handshake, trusting only the relay's certificate; returns the 220. */
  public String startTls() throws IOException {
    return startTlsWithPipelined("");
  }

  /**
   * STARTTLS with {@code injected} sent in the same write, as an attacker in the path would add it;
   * then the handshake. Returns the reply to STARTTLS.
   */
  public String startTlsWithPipelined(String injected) throws IOException {
    send("STARTTLS\r\n" + injected);
    String reply = reply();
    if (reply.startsWith("220")) {
      SSLSocket tls =
          (SSLSocket)
              tlsContext()
                  .getSocketFactory()
                  .createSocket(socket, "relay.test", socket.getPort(), true);
      tls.setUseClientMode(true);
      tls.startHandshake();
      use(tls);
    }
    return reply;
  }

  /**
   * A TLS handshake right away, with no STARTTLS, as a client that took the port for implicit TLS
   * would; returns the failure it ends in, or null if it succeeded.
   */
  public String handshakeWithoutStartTls() throws IOException {
    SSLSocket tls =
        (SSLSocket)
            tlsContext().getSocketFactory().createSocket(tcp, "relay.test", tcp.getPort(), true);
    tls.setUseClientMode(true);
    try {
      tls.startHandshake();
      return null;
    } catch (javax.net.ssl.SSLException e) {
      return e.getMessage();
    }
  }

  /** Sends raw octets on the TCP connection beneath TLS, as an attacker in the path could. */
  public void sendBeneathTls(String raw) throws IOException {
    OutputStream beneath = tcp.getOutputStream();
    beneath.write(raw.getBytes(StandardCharsets.ISO_8859_1));
    beneath.flush();
  }

  /**
   * Waits at most {@code wait} for the TLS layer to fail, as a fatal alert from the server makes
   * it; returns the failure, or null if nothing came in that time.
   */
  public String tlsFailureWithin(Duration wait) throws IOException {
    try {
      firstOctetWithin(wait);
      return null;
    } catch (SocketTimeoutException e) {
      return null;
    } catch (javax.net.ssl.SSLException e) {
      return e.getMessage();
    }
  }

  /** The certificate the server presented in the TLS handshake, or null before STARTTLS. */
  public X509Certificate servedCertificate() throws IOException {
    if (!(socket instanceof SSLSocket tls)) {
      return null;
    }
    return (X509Certificate) tls.getSession().getPeerCertificates()[0];
  }

  /** The TLS protocol in use, or null. */
  public String tlsProtocol() {
    return socket instanceof SSLSocket tls ? tls.getSession().getProtocol() : null;
  }

  /**
   * A whole transaction with {@code body} (CRLF lines, no terminator, dot-stuffed by the caller);
   * returns the reply to the end of data, or the first failing reply.
   */
  public String sendMail(String from, String body, String... recipients) throws IOException {
    String reply = command("MAIL FROM:<" + from + ">");
    if (!reply.startsWith("250")) {
      return reply;
    }
    for (String recipient : recipients) {
      reply = command("RCPT TO:<" + recipient + ">");
      if (!reply.startsWith("250")) {
        return reply;
      }
    }
    reply = command("DATA");
    if (!reply.startsWith("354")) {
      return reply;
    }
    send(body + "\r\n.\r\n");
    return reply();
  }

  /**
   * Reads one complete reply if its first octet arrives within {@code wait}; null when the server
   * stayed silent that long or closed the connection.
   */
  public String replyWithin(Duration wait) throws IOException {
    try {
      pushedBack = firstOctetWithin(wait);
    } catch (SocketTimeoutException e) {
      return null;
    }
    return pushedBack < 0 ? null : reply();
  }

  /**
   * Reads replies until one matches {@code last} (included), the server closes the connection, or
   * {@code wait} has passed since the call; returns them in order.
   */
  public List<String> repliesUntil(Predicate<String> last, Duration wait) throws IOException {
    long deadline = System.nanoTime() + wait.toNanos();
    List<String> replies = new ArrayList<>();
    while (true) {
      long left = deadline - System.nanoTime();
      String reply = left > 0 ? replyWithin(Duration.ofNanos(left)) : null;
      if (reply == null) {
        return replies;
      }
      replies.add(reply);
      if (last.test(reply)) {
        return replies;
      }
    }
  }

  /**
   * True when the server closes the connection (end of stream or reset) within {@code wait}; false
   * when it stays open that long or sends more (which the next read then returns).
   */
  public boolean closedWithin(Duration wait) {
    try {
      pushedBack = firstOctetWithin(wait);
      return pushedBack < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /** True when the server has closed the connection (reads end of stream). */
  public boolean closedByServer() throws IOException {
    try {
      return read() < 0;
    } catch (IOException e) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private void use(Socket next) throws IOException {
    socket = next;
    socket.setSoTimeout(TIMEOUT_MS);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** The next octet (-1 at end of stream), waiting at most {@code wait} for it. */
  private int firstOctetWithin(Duration wait) throws IOException {
    if (pushedBack >= 0) {
      return pushedBack;
    }
    socket.setSoTimeout((int) Math.max(1, Math.min(wait.toMillis(), Integer.MAX_VALUE)));
    try {
      return in.read();
    } finally {
      if (!socket.isClosed()) {
        socket.setSoTimeout(TIMEOUT_MS);
      }
    }
  }

  private int read() throws IOException {
    if (pushedBack >= 0) {
      int b = pushedBack;
      pushedBack = -1;
      return b;
    }
    return in.read();
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = read(); b >= 0; b = read()) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int end =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  private SSLContext tlsContext() throws IOException {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      X509Certificate certificate = PemFiles.readCertificates(trusted).get(0);
      store.setCertificateEntry("relay", certificate);
      TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException(e);
    }
  }
}
