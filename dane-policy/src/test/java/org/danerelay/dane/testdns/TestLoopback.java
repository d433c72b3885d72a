package org.danerelay.dane.testdns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback addresses for servers that must listen on a fixed port, such as name servers on 53 or
 * SMTP servers on 25: all of 127.0.0.0/8 reaches this host, and a random address from 127.64.0.0/10
 * keeps tests that run at the same time (in other builds too) out of each other's way.
 */
public final class TestLoopback {

  private TestLoopback() {}

  /** An address in 127.64.0.1 to 127.127.255.254, different at each call (almost surely). */
  public static InetAddress randomAddress() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    byte[] address = {
      127, (byte) random.nextInt(64, 128), (byte) random.nextInt(256), (byte) random.nextInt(1, 255)
    };
    try {
      return InetAddress.getByAddress(address);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four octets are always an address", e);
    }
  }
}
