package org.danerelay.server.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** {@code host:port} with IP literals only, IPv6 in brackets, and no DNS. */
class HostPortTest {

  @Test
  void parsesIpv4AddressAndPort() {
    assertEquals(new HostPort("192.0.2.7", 25), HostPort.parse("192.0.2.7:25"));
  }

  @Test
  void parsesBracketedIpv6AddressAndPort() {
    assertEquals(new HostPort("::1", 25), HostPort.parse("[::1]:25"));
    assertEquals(new HostPort("2001:db8::a", 587), HostPort.parse(" [2001:DB8::A]:587 "));
  }

  @Test
  void printsIpv6InBracketsSoTheTextParsesBack() {
    HostPort address = new HostPort("2001:db8::1", 2525);

    assertEquals("[2001:db8::1]:2525", address.toString());
    assertEquals(address, HostPort.parse(address.toString()));
  }

  @Test
  void buildsSocketAddressFromLiteralBytesWithoutResolving() {
    InetSocketAddress socket = HostPort.parse("[::1]:2525").toSocketAddress();

    assertFalse(socket.isUnresolved());
    assertEquals(2525, socket.getPort());
    byte[] loopback = new byte[16];
    loopback[15] = 1;
    assertArrayEquals(loopback, socket.getAddress().getAddress());
    assertArrayEquals(
        new byte[] {(byte) 192, 0, 2, 7},
        HostPort.parse("192.0.2.7:25").toSocketAddress().getAddress().getAddress());
  }

  @Test
  void refusesHostNamesBecauseStartUpMustNotNeedDns() {
    assertThrows(IllegalArgumentException.class, () -> HostPort.parse("mail.example.org:25"));
    assertThrows(IllegalArgumentException.class, () -> new HostPort("localhost", 25));
  }

  @Test
  void refusesBracketsAroundIpv4AndMissingParts() {
    assertThrows(IllegalArgumentException.class, () -> HostPort.parse("[127.0.0.1]:25"));
    assertThrows(IllegalArgumentException.class, () -> HostPort.parse("[::1]"));
    assertThrows(IllegalArgumentException.class, () -> HostPort.parse(":25"));
    assertThrows(IllegalArgumentException.class, () -> HostPort.parse("127.0.0.1:"));
  }

  @Test
  void refusesAddressesThatAreNotQuiteIpLiterals() {
    assertThrows(IllegalArgumentException.class, () -> HostPort.parse("256.0.0.1:25"));
    assertThrows(IllegalArgumentException.class, () -> HostPort.parse("10.0.0.0/8:25"));
    assertThrows(IllegalArgumentException.class, () -> new HostPort("::1", 65536));
  }

  @Test
  void allowsPortZeroForListenersOnAnyFreePort() {
    assertEquals(0, HostPort.parse("127.0.0.1:0").port());
  }
}
