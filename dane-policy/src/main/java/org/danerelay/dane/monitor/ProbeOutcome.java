package org.danerelay.dane.monitor;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/** What one SMTP STARTTLS probe of one address, asking for one key algorithm, found. */
public sealed interface ProbeOutcome {

  /**
   * No SMTP session: the connection failed, timed out, or the server did not greet with 220.
   *
   * @param reason for the operator
   */
  record Unreachable(String reason) implements ProbeOutcome {
    public Unreachable {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The server answered EHLO without STARTTLS, or refused the STARTTLS command.
   *
   * @param reason what it said
   */
  record NoStarttls(String reason) implements ProbeOutcome {
    public NoStarttls {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * STARTTLS was accepted but no TLS 1.2 or later session came of it.
   *
   * @param reason the handshake error
   * @param algorithmRefused true when the server refused the handshake with a handshake_failure or
   *     insufficient_security alert: what a server says when it has no key of the asked algorithm
   */
  record HandshakeFailed(String reason, boolean algorithmRefused) implements ProbeOutcome {
    public HandshakeFailed {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * A TLS session: what the server presented.
   *
   * @param protocol e.g. {@code TLSv1.3}
   * @param cipher the cipher suite
   * @param chain the certificates as presented, leaf first, non-empty
   */
  record Served(String protocol, String cipher, List<X509Certificate> chain)
      implements ProbeOutcome {
    public Served {
      Objects.requireNonNull(protocol, "protocol");
      Objects.requireNonNull(cipher, "cipher");
      chain = List.copyOf(chain);
      if (chain.isEmpty()) {
        throw new IllegalArgumentException("a TLS session without a server certificate");
      }
    }

    public X509Certificate leaf() {
      return chain.get(0);
    }
  }
}
