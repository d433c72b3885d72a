package org.danerelay.dane.dns;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** A UDP socket on 127.0.0.1 that never answers: a resolver that times out. */
final class SilentResolver implements AutoCloseable {
  private final DatagramSocket socket;

  SilentResolver() throws IOException {
    socket =
        new DatagramSocket(
            new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0));
  }

  InetSocketAddress address() {
    return new InetSocketAddress(socket.getLocalAddress(), socket.getLocalPort());
  }

  @Override
  public void close() {
    socket.close();
  }
}
