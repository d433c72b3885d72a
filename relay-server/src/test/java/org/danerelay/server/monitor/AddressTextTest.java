package org.danerelay.server.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Addresses in reports read as operators write them (RFC 5952 for IPv6). */
class AddressTextTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "127.0.0.1, 127.0.0.1",
    "0:0:0:0:0:0:0:1, ::1",
    "0:0:0:0:0:0:0:0, ::",
    "2001:DB8:0:0:0:0:0:25, 2001:db8::25",
    "2001:db8:0:1:0:0:0:1, 2001:db8:0:1::1",
    "1:0:0:2:0:0:0:3, 1:0:0:2::3",
    "1:0:0:1:0:0:1:1, 1::1:0:0:1:1",
    "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
    "fe80:0:0:0:0:0:0:0, fe80::"
  })
  void rfc5952Section4(String literal, String expected) throws Exception {
    assertEquals(expected, AddressText.of(InetAddress.getByName(literal)));
  }
}
