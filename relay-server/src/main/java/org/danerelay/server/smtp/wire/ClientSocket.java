package org.danerelay.server.smtp.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import javax.net.ssl.SSLSocket;

/**
 * An accepted client connection: its plaintext comes as whole command lines until STARTTLS, its TLS
 * records are checked after, and its clock sees every wait on the client.
 */
public final class ClientSocket extends Socket implements ClientConnection {

  private final SessionClock clock;
  private final ErrorCount errors;
  private CommandLineInput commands;
  private WatchedOutput raw;
  private ReplyWatch replies;
  private boolean tls;

  ClientSocket(SessionClock clock, ErrorCount errors) {
    this.clock = clock;
    this.errors = errors;
  }

  public SessionClock clock() {
    return clock;
  }

  ErrorCount errors() {
    return errors;
  }

  /** The client's address literal, for the log. */
  public String client() {
    return getInetAddress().getHostAddress();
  }

  @Override
  public synchronized CommandLineInput commands() {
    if (commands == null) {
      throw new IllegalStateException("the session has not read from " + client() + " yet");
    }
    return commands;
  }

  /**
   * Before TLS, whole command lines; once TLS begins, the raw records for the TLS layer (the
   * session reads its plaintext from {@link #overTls} then).
   */
  @Override
  public synchronized InputStream getInputStream() throws IOException {
    if (tls) {
      return new TlsRecordInput(super.getInputStream());
    }
    if (commands == null) {
      commands =
          new CommandLineInput(
              super.getInputStream(), getOutputStream(), clock, errors, client(), true);
    }
    return commands;
  }

  /**
   * Before TLS, the session's replies (counted for the error limits); once TLS begins, its records.
   */
  @Override
  public synchronized OutputStream getOutputStream() throws IOException {
    if (raw == null) {
      raw = new WatchedOutput(super.getOutputStream(), clock);
    }
    if (tls) {
      return raw;
    }
    if (replies == null) {
      replies = new ReplyWatch(raw, errors);
    }
    return replies;
  }

  /** The handshake begins: from now on the raw octets belong to TLS. */
  public synchronized void beginTls() {
    tls = true;
    clock.handshakeStarted();
  }

  /** The socket the session goes on with once {@code handshaken} is up. */
  public Socket overTls(SSLSocket handshaken) throws IOException {
    return new TlsClientSocket(handshaken, this);
  }

  /**
   * Closes the connection under any TLS on it, at once. Never blocks, and wakes a session thread
   * blocked reading or writing it, where closing TLS could wait on a client that does not read.
   */
  public void closeNow() {
    try {
      close();
    } catch (IOException e) {
      // Closing a plain socket has nothing to report that would change what happens next.
    }
  }
}
