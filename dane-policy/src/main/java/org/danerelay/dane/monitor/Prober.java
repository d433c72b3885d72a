package org.danerelay.dane.monitor;

import java.net.InetAddress;

/**
 * Connects to one SMTP server address, says EHLO, starts TLS offering only one key algorithm, and
 * reports the chain it was shown without judging it: the transport side of {@code dane check}.
 */
@FunctionalInterface
public interface Prober {

  /**
   * @param address the server address
   * @param port the SMTP port (25)
   * @param serverName the name to send as SNI: the TLSA base domain (RFC 7672 8.1)
   * @param algorithm the only public key algorithm whose signatures the client offers
   */
  ProbeOutcome probe(InetAddress address, int port, String serverName, KeyAlgorithm algorithm);
}
