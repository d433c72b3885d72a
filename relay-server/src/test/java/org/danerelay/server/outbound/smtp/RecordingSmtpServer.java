package org.danerelay.server.outbound.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;

/**
 * A real receiving SMTP server on a free loopback port (SubEthaSMTP), with or without STARTTLS,
 * recording every MAIL command and every message it accepts.
 */
final class RecordingSmtpServer implements AutoCloseable {

  /**
   * One accepted message: envelope, content as received (unstuffed), TLS protocol or null, the
   * session (connection) it came on, and when its TLS session was made (the same for a resumed one;
   * 0 without TLS).
   */
  record Received(
      String sender,
      List<String> recipients,
      byte[] content,
      String tlsProtocol,
      String sessionId,
      long tlsSessionCreated) {
    String text() {
      return new String(content, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
  }

  private final SMTPServer server;
  private final AtomicInteger mailCommands = new AtomicInteger();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Set<String> refusedRecipients;

  private final boolean brokenTls;

  private RecordingSmtpServer(
      TestCertificates.Minted identity, Set<String> refusedRecipients, boolean brokenTls) {
    this(InetAddress.getLoopbackAddress(), 0, identity, refusedRecipients, brokenTls);
  }

  private RecordingSmtpServer(
      InetAddress bind,
      int port,
      TestCertificates.Minted identity,
      Set<String> refusedRecipients,
      boolean brokenTls) {
    this.brokenTls = brokenTls;
    this.refusedRecipients = Set.copyOf(refusedRecipients);
    SMTPServer.Builder builder =
        SMTPServer.port(port)
            .bindAddress(bind)
            .hostName("mx.example")
            .softwareName("RecordingSmtpServer")
            .messageHandlerFactory(Transaction::new)
            .enableTLS(identity != null);
    if (identity != null) {
      // One context for all connections: its session cache is what lets a client resume.
      SSLContext context = identity.serverContext();
      builder.startTlsSocketFactory(socket -> wrap(context, socket, this.brokenTls));
    }
    server = builder.build();
    server.start();
  }

  /** Offers STARTTLS with this certificate; refuses the listed recipients with 550. */
  static RecordingSmtpServer withTls(TestCertificates.Minted identity, String... refused) {
    return new RecordingSmtpServer(identity, Set.of(refused), false);
  }

  /**
   * Offers STARTTLS but cannot complete a handshake: its only cipher suite needs an RSA key, and
   * its key is EC.
   */
  static RecordingSmtpServer withBrokenTls(TestCertificates.Minted identity) {
    return new RecordingSmtpServer(identity, Set.of(), true);
  }

  /** Like {@link #withTls} on a given loopback address and port, as an MX host of a test zone. */
  static RecordingSmtpServer withTlsAt(
      InetAddress bind, int port, TestCertificates.Minted identity) {
    return new RecordingSmtpServer(bind, port, identity, Set.of(), false);
  }

  /** Like {@link #withBrokenTls} on a given loopback address and port. */
  static RecordingSmtpServer withBrokenTlsAt(
      InetAddress bind, int port, TestCertificates.Minted identity) {
    return new RecordingSmtpServer(bind, port, identity, Set.of(), true);
  }

  /** Like {@link #withoutTls} on a given loopback address and port. */
  static RecordingSmtpServer withoutTlsAt(InetAddress bind, int port) {
    return new RecordingSmtpServer(bind, port, null, Set.of(), false);
  }

  /** Offers no STARTTLS at all. */
  static RecordingSmtpServer withoutTls() {
    return new RecordingSmtpServer(null, Set.of(), false);
  }

  int port() {
    return server.getPortAllocated();
  }

  /** How many MAIL commands reached the server (accepted or not). */
  int mailCommands() {
    return mailCommands.get();
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop();
  }

  private static SSLSocket wrap(SSLContext context, Socket socket, boolean broken)
      throws IOException {
    SSLSocket tls =
        (SSLSocket)
            context
                .getSocketFactory()
                .createSocket(
                    socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
    tls.setUseClientMode(false);
    tls.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
    if (broken) {
      tls.setEnabledProtocols(new String[] {"TLSv1.2"});
      tls.setEnabledCipherSuites(new String[] {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"});
    }
    return tls;
  }

  private final class Transaction implements MessageHandler {
    private final MessageContext context;
    private final List<String> recipients = new ArrayList<>();
    private String sender;

    Transaction(MessageContext context) {
      this.context = context;
    }

    @Override
    public void from(String from) {
      mailCommands.incrementAndGet();
      sender = from;
    }

    @Override
    public void recipient(String recipient) throws RejectException {
      if (refusedRecipients.contains(recipient)) {
        throw new RejectException(550, "5.1.1 <" + recipient + ">: no such user");
      }
      recipients.add(recipient);
    }

    @Override
    public String data(InputStream data) throws IOException {
      ByteArrayOutputStream content = new ByteArrayOutputStream();
      data.transferTo(content);
      Socket socket = ((Session) context).getSocket();
      String protocol = socket instanceof SSLSocket tls ? tls.getSession().getProtocol() : null;
      // JSSE keeps the creation time of the session a TLS 1.3 handshake resumes.
      long tlsCreated = socket instanceof SSLSocket tls ? tls.getSession().getCreationTime() : 0;
      String session = ((Session) context).getSessionId();
      received.add(
          new Received(
              sender,
              List.copyOf(recipients),
              content.toByteArray(),
              protocol,
              session,
              tlsCreated));
      return null;
    }

    @Override
    public void done() {}
  }
}
