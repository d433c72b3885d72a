package org.danerelay.server.smtp.wire;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;

/** A listening socket whose connections keep their session's clock. */
public final class ClientServerSocket extends ServerSocket {

  private final SessionTimeouts timeouts;
  private final ErrorLimits errorLimits;

  /** Unbound; SubEthaSMTP binds it. */
  public ClientServerSocket(SessionTimeouts timeouts, ErrorLimits errorLimits) throws IOException {
    this.timeouts = timeouts;
    this.errorLimits = errorLimits;
  }

  @Override
  public Socket accept() throws IOException {
    ClientSocket socket =
        new ClientSocket(new SessionClock(timeouts, System::nanoTime), new ErrorCount(errorLimits));
    implAccept(socket);
    return socket;
  }
}
