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
  private CommandLineInput commands;
  private OutputStream output;
  private boolean tls;

  ClientSocket(SessionClock clock) {
    this.clock = clock;
  }

  public SessionClock clock() {
    return clock;
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
          new CommandLineInput(super.getInputStream(), getOutputStream(), clock, client(), true);
    }
    return commands;
  }

  @Override
  public synchronized OutputStream getOutputStream() throws IOException {
    if (output == null) {
      output = new WatchedOutput(super.getOutputStream(), clock);
    }
    return output;
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
