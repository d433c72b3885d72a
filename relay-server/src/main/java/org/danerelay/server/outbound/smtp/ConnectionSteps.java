package org.danerelay.server.outbound.smtp;

/**
 * Told, as it happens, how an attempt reaches its host, so that the log says "Connecting to" before
 * a slow connect or greeting, not after it.
 */
public interface ConnectionSteps {

  /** Nothing to tell. */
  ConnectionSteps NONE =
      new ConnectionSteps() {
        @Override
        public void connecting() {}

        @Override
        public void reusing(int messageOnConnection) {}
      };

  /** A new TCP connection is being opened. */
  void connecting();

  /**
   * An idle connection to the same host under the same TLS requirement takes the message.
   *
   * @param messageOnConnection 2 for the connection's second message, and so on
   */
  void reusing(int messageOnConnection);
}
