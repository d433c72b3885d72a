package org.danerelay.server.outbound.faults;

/** What a {@link FaultyMx} does at its {@link Stage} instead of the normal reply. */
sealed interface Fault {

  /** Sends this reply line instead; a 421 is followed by closing, as RFC 5321 3.8 says. */
  record Reply(String line) implements Fault {
    @Override
    public String toString() {
      return line;
    }
  }

  /** Closes the connection without a word. */
  record Close() implements Fault {}

  /** Says nothing and reads nothing more until the test releases it. */
  record Stall() implements Fault {}

  /** Sends bytes that are not SMTP (nor TLS), then waits for the client to hang up. */
  record Garbage() implements Fault {}

  /** Starts a reply line and never ends it: bytes without a line feed, up to 1 MiB. */
  record EndlessLine() implements Fault {}

  /** Answers the ClientHello with a fatal handshake_failure alert (RFC 8446 6.2), then closes. */
  record TlsAlert() implements Fault {}

  static Fault reply(String line) {
    return new Reply(line);
  }
}
