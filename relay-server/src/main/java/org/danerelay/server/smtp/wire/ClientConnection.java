package org.danerelay.server.smtp.wire;

import java.net.Socket;

/** What the SMTP commands need of a session's connection, with or without TLS. */
public interface ClientConnection {

  /** The session's plaintext input, to tell it when message content begins. */
  CommandLineInput commands();

  /** The socket a session runs on, as the listener made it. */
  static ClientConnection of(Socket socket) {
    if (socket instanceof ClientConnection connection) {
      return connection;
    }
    throw new IllegalStateException("not a connection of this listener: " + socket);
  }
}
