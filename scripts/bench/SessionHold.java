import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Opens COUNT SMTP sessions to 127.0.0.1:PORT and holds them: idle after the greeting, or in the
 * middle of DATA with some content sent. Prints "held N in S s" and waits until its standard input
 * closes, then closes them all. Every read has a timeout.
 *
 * <p>Usage: java SessionHold.java PORT COUNT idle|data [tls], or PORT probe to time one new
 * client's greeting.
 */
public final class SessionHold {

  private static final int TIMEOUT_MS = 30_000;

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    if (args[1].equals("probe")) {
      long start = System.nanoTime();
      try (Socket socket = open(port, false, false)) {
        System.out.printf("a new client got its 220 in %.0f ms%n", (System.nanoTime() - start) / 1e6);
      }
      return;
    }
    int count = Integer.parseInt(args[1]);
    boolean data = args[2].equals("data");
    boolean tls = args.length > 3 && args[3].equals("tls");
    List<Socket> held = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      held.add(open(port, data, tls));
    }
    System.out.printf("held %d in %.1f s%n", held.size(), (System.nanoTime() - start) / 1e9);
    System.out.flush();
    System.in.read(); // until the script closes our input
    for (Socket socket : held) {
      socket.close();
    }
  }

  private static Socket open(int port, boolean data, boolean tls) throws Exception {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
    socket.setSoTimeout(TIMEOUT_MS);
    expect(socket, "220");
    if (!data && !tls) {
      return socket;
    }
    say(socket, "EHLO hold.test", "250");
    if (tls) {
      say(socket, "STARTTLS", "220");
      SSLSocket secure =
          (SSLSocket)
              trustingContext().getSocketFactory().createSocket(socket, "relay", port, true);
      secure.setUseClientMode(true);
      secure.startHandshake();
      socket = secure;
      say(socket, "EHLO hold.test", "250");
    }
    if (data) {
      say(socket, "MAIL FROM:<hold@example.org>", "250");
      say(socket, "RCPT TO:<hold@example.net>", "250");
      say(socket, "DATA", "354");
      OutputStream out = socket.getOutputStream();
      out.write(("Subject: held\r\n\r\n" + "x".repeat(1000) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
    return socket;
  }

  private static void say(Socket socket, String command, String code) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    expect(socket, code);
  }

  /** Reads one whole reply (multi-line ones too) and checks its code. */
  private static void expect(Socket socket, String code) throws IOException {
    InputStream in = socket.getInputStream();
    while (true) {
      StringBuilder line = new StringBuilder();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          throw new IOException("closed while waiting for " + code + " after: " + line);
        }
        line.append((char) b);
      }
      if (!line.toString().startsWith(code)) {
        throw new IOException("expected " + code + ", got: " + line.toString().trim());
      }
      if (line.length() < 4 || line.charAt(3) != '-') {
        return;
      }
    }
  }

  /** The relay's certificate here is its own self-signed one: what is measured is memory. */
  private static SSLContext trustingContext() throws Exception {
    TrustManager trustAll =
        new X509TrustManager() {
          public void checkClientTrusted(X509Certificate[] chain, String type) {}

          public void checkServerTrusted(X509Certificate[] chain, String type) {}

          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {trustAll}, null);
    return context;
  }
}
