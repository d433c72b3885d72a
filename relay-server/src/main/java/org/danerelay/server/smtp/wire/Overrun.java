package org.danerelay.server.smtp.wire;

import java.util.Optional;

/** A time limit that a session went past, and what the client is told, if it can be told. */
public enum Overrun {
  COMMAND("no whole command line in time", "421 4.4.2 Timeout exceeded, closing connection"),
  CONTENT("message content arriving too slowly", "421 4.4.2 Data rate too low, closing connection"),
  SESSION("the session time limit", "421 4.4.2 Session time limit exceeded, closing connection"),
  // A reply cannot be sent in the middle of a handshake, nor to a client that does not read.
  HANDSHAKE("no TLS handshake in time", null),
  WRITE_STALLED("the client stopped reading our replies", null);

  private final String description;
  private final String reply;

  Overrun(String description, String reply) {
    this.description = description;
    this.reply = reply;
  }

  /** What went past its limit, for the log. */
  public String description() {
    return description;
  }

  /** The {@code 421} to send before closing, when one can be sent. */
  public Optional<String> reply() {
    return Optional.ofNullable(reply);
  }
}
