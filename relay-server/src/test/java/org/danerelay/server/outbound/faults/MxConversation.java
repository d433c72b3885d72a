package org.danerelay.server.outbound.faults;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** The server side of one connection to a {@link FaultyMx}: the dialogue, and the fault in it. */
final class MxConversation {

  /** What the dialogue does after a reply. */
  private enum Go {
    /** The normal reply went out: carry on as usual. */
    NORMAL,
    /** The fault's reply went out instead: read the client's next command. */
    ALTERED,
    /** Hang up. */
    END
  }

  private static final int MAX_LINE = 1 << 20;
  private static final int ENDLESS_LIMIT = 1 << 20;
  private static final long STALL_LIMIT_SECONDS = 20;
  // TLS record: alert(21), TLS 1.2 record version, length 2, fatal(2), handshake_failure(40).
  private static final byte[] FATAL_HANDSHAKE_FAILURE = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28};
  private static final byte[] GARBAGE =
      "\u0000\u0001\u00ff<html>this is not SMTP</html>\r\n".getBytes(StandardCharsets.ISO_8859_1);

  private final Socket socket;
  private final SSLContext tls;
  private final FaultyMx.Misbehaviour misbehaviour;
  private final FaultyMx.Heard heard;
  private final CountDownLatch release;
  private final Consumer<FaultyMx.Accepted> accepted;
  private InputStream in;
  private OutputStream out;
  private boolean secure;

  MxConversation(
      Socket socket,
      SSLContext tls,
      FaultyMx.Misbehaviour misbehaviour,
      FaultyMx.Heard heard,
      CountDownLatch release,
      Consumer<FaultyMx.Accepted> accepted) {
    this.socket = socket;
    this.tls = tls;
    this.misbehaviour = misbehaviour;
    this.heard = heard;
    this.release = release;
    this.accepted = accepted;
  }

  void run() throws IOException {
    in = socket.getInputStream(); // unbuffered until TLS: nothing may be read past STARTTLS
    out = socket.getOutputStream();
    if (reply(Stage.GREETING, "220 mx.faults.test ESMTP") == Go.END) {
      return;
    }
    List<String> recipients = new ArrayList<>();
    String line;
    while ((line = readLine()) != null) {
      (secure ? heard.encrypted() : heard.plaintext()).add(line);
      Go go =
          switch (verb(line)) {
            case "EHLO" -> reply(secure ? Stage.EHLO_AFTER_TLS : Stage.EHLO, ehloReply());
            case "HELO" -> say("250 mx.faults.test");
            case "STARTTLS" -> startTls();
            case "MAIL" -> {
              recipients.clear();
              yield reply(Stage.MAIL, "250 2.1.0 ok");
            }
            case "RCPT" -> {
              recipients.add(line.substring(line.indexOf('<') + 1, line.lastIndexOf('>')));
              yield reply(Stage.RCPT, "250 2.1.5 ok");
            }
            case "DATA" -> {
              Go data = reply(Stage.DATA, "354 go ahead");
              yield data == Go.NORMAL ? content(recipients) : data;
            }
            case "RSET", "NOOP" -> say("250 2.0.0 ok");
            case "QUIT" -> {
              say("221 2.0.0 bye");
              yield Go.END;
            }
            default -> say("500 5.5.2 unknown command");
          };
      if (go == Go.END) {
        return;
      }
    }
  }

  private String ehloReply() {
    return tls != null && !secure
        ? "250-mx.faults.test\r\n250-8BITMIME\r\n250 STARTTLS"
        : "250-mx.faults.test\r\n250 8BITMIME";
  }

  private Go startTls() throws IOException {
    if (tls == null) {
      return say("502 5.5.1 no STARTTLS here");
    }
    Go go = reply(Stage.STARTTLS, "220 2.0.0 ready to start TLS");
    if (go != Go.NORMAL) {
      return go;
    }
    if (faultAt(Stage.TLS_HANDSHAKE)) {
      return act(misbehaviour.fault());
    }
    SSLSocket tlsSocket =
        (SSLSocket)
            tls.getSocketFactory()
                .createSocket(
                    socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
    tlsSocket.setUseClientMode(false);
    tlsSocket.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
    tlsSocket.startHandshake();
    in = new BufferedInputStream(tlsSocket.getInputStream());
    out = tlsSocket.getOutputStream();
    secure = true;
    return Go.NORMAL;
  }

  /** Reads the content after 354 up to the final dot, unless the fault strikes during it. */
  private Go content(List<String> recipients) throws IOException {
    if (faultAt(Stage.CONTENT)) {
      readLine(); // some content has arrived: the fault strikes mid-DATA
      return act(misbehaviour.fault());
    }
    String line;
    while ((line = readLine()) != null) {
      if (line.equals(".")) {
        if (!faultAt(Stage.END_OF_DATA)) {
          // Before the 250: once the client has it, the test may already be looking.
          accepted.accept(new FaultyMx.Accepted(List.copyOf(recipients), secure));
        }
        return reply(Stage.END_OF_DATA, "250 2.0.0 queued");
      }
    }
    return Go.END;
  }

  /** Sends {@code normal}, or acts out the fault when it is set for {@code stage}. */
  private Go reply(Stage stage, String normal) throws IOException {
    if (faultAt(stage)) {
      return act(misbehaviour.fault());
    }
    return say(normal);
  }

  private boolean faultAt(Stage stage) {
    return misbehaviour != null && misbehaviour.stage() == stage;
  }

  private Go act(Fault fault) throws IOException {
    if (fault instanceof Fault.Reply reply) {
      say(reply.line());
      return reply.line().startsWith("421") ? Go.END : Go.ALTERED;
    }
    if (fault instanceof Fault.Stall) {
      awaitRelease();
    } else if (fault instanceof Fault.Garbage) {
      write(GARBAGE);
      drainUntilClosed();
    } else if (fault instanceof Fault.EndlessLine) {
      endlessLine();
      drainUntilClosed();
    } else if (fault instanceof Fault.TlsAlert) {
      readTlsRecord(); // the ClientHello
      write(FATAL_HANDSHAKE_FAILURE);
    }
    return Go.END; // Close, and every fault above, ends with hanging up
  }

  private void endlessLine() {
    byte[] chunk = new byte[1024];
    Arrays.fill(chunk, (byte) 'x');
    try {
      write("250-".getBytes(StandardCharsets.US_ASCII));
      for (int sent = 0; sent < ENDLESS_LIMIT; sent += chunk.length) {
        write(chunk);
      }
    } catch (IOException e) {
      // the client gave up on the line: what the fault is for
    }
  }

  private void awaitRelease() {
    try {
      release.await(STALL_LIMIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void drainUntilClosed() {
    try {
      while (in.read() >= 0) {
        // discard until the client hangs up (or the socket timeout ends it)
      }
    } catch (IOException e) {
      // hung up
    }
  }

  private void readTlsRecord() throws IOException {
    DataInputStream data = new DataInputStream(in);
    byte[] header = new byte[5];
    data.readFully(header);
    data.readFully(new byte[((header[3] & 0xff) << 8) | (header[4] & 0xff)]);
  }

  private Go say(String reply) throws IOException {
    write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
    return Go.NORMAL;
  }

  private void write(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** One line without its CRLF, or null at the end of the stream. */
  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      if (line.size() >= MAX_LINE) {
        throw new IOException("line longer than " + MAX_LINE);
      }
      line.write(b);
    }
    return null;
  }

  private static String verb(String line) {
    int space = line.indexOf(' ');
    return (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
  }
}
