package org.danerelay.server.smtp;

import java.io.IOException;
import java.io.InputStream;
import javax.net.ssl.SSLSocket;
import org.danerelay.server.smtp.wire.ClientSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * STARTTLS (RFC 3207): discards whatever the client sent after the command, then hands the
 * connection to TLS and forgets everything said before it.
 *
 * <p>Discarding is the defence against STARTTLS command injection (CVE-2011-0411 and kin): commands
 * pipelined behind STARTTLS arrived in plaintext and must never run inside TLS.
 */
final class StartTlsCommand extends BaseCommand {

  private static final Logger log = LoggerFactory.getLogger(StartTlsCommand.class);

  StartTlsCommand() {
    super("STARTTLS", "Start TLS on this connection.");
  }

  @Override
  public void execute(String commandString, Session session) throws IOException {
    String client = session.getRemoteAddress().getAddress().getHostAddress();
    if (!commandString.trim().equalsIgnoreCase("STARTTLS")) {
      session.sendResponse("501 5.5.4 Syntax: STARTTLS (no parameters)");
      return;
    }
    if (session.isTLSStarted()) {
      session.sendResponse("503 5.5.1 TLS is already active");
      return;
    }
    // Before the 220: a client may send nothing more until it reads it (RFC 3207 4), so what is
    // here now was pipelined; after it, the client's TLS ClientHello may already be arriving.
    discardPipelined(session.getRawInput(), client);
    session.sendResponse("220 2.0.0 Ready to start TLS");
    ClientSocket connection = (ClientSocket) session.getSocket();
    connection.beginTls();
    SSLSocket tls = session.getServer().createSSLSocket(connection);
    try {
      tls.startHandshake();
    } catch (IOException e) {
      // No reply is possible: the channel is neither plaintext nor TLS any more.
      log.info("TLS handshake with [{}] failed: {}", client, e.getMessage());
      session.quit();
      return;
    }
    session.setSocket(connection.overTls(tls));
    session.resetSmtpProtocol();
    session.setTlsStarted(true);
    log.debug(
        "TLS with [{}]: {} {}",
        client,
        tls.getSession().getProtocol(),
        tls.getSession().getCipherSuite());
  }

  private static void discardPipelined(InputStream plaintext, String client) throws IOException {
    int pending = plaintext.available();
    if (pending > 0) {
      long skipped = plaintext.skip(pending);
      log.warn(
          "discarded {} octets that [{}] pipelined after STARTTLS (RFC 3207 5)", skipped, client);
    }
  }
}
