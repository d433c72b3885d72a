package org.danerelay.server.outbound.smtp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/** Loopback addresses for the MX hosts of test zones, and a port free on all of them. */
final class LoopbackHosts {

  private static final int TRIES = 50;

  private LoopbackHosts() {}

  /** {@code 127.0.0.n}, built from its bytes: no lookup. */
  static InetAddress loopback(int n) {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) n});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A port free on every address: the MX hosts of a test share {@code delivery.port}. */
  static int freePortOnAll(InetAddress... addresses) throws Exception {
    for (int tries = 0; tries < TRIES; tries++) {
      int candidate;
      try (ServerSocket probe = new ServerSocket(0, 1, addresses[0])) {
        candidate = probe.getLocalPort();
      }
      if (freeOnAll(candidate, addresses)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no port free on every address");
  }

  private static boolean freeOnAll(int port, InetAddress... addresses) {
    for (InetAddress address : addresses) {
      try (ServerSocket probe = new ServerSocket()) {
        probe.bind(new InetSocketAddress(address, port));
      } catch (Exception e) {
        return false;
      }
    }
    return true;
  }
}
