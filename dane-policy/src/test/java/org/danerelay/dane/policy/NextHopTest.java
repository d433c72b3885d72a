package org.danerelay.dane.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Postfix's next-hop syntax: brackets suppress the MX lookup, an address needs them, the port
 * defaults to 25.
 */
class NextHopTest {

  @Test
  void bracketedHostWithPortSkipsMx() {
    NextHop hop = NextHop.parse("[SMTP.Example]:587");
    assertFalse(hop.mxLookup());
    assertEquals(587, hop.port());
    assertEquals("smtp.example", hop.domainText());
    assertEquals("[smtp.example]:587", hop.toString());
  }

  @Test
  void bracketedHostWithoutPortUses25() {
    assertEquals(NextHop.host("smtp.example", 25), NextHop.parse("[smtp.example]"));
  }

  @Test
  void bareDomainLooksUpMx() {
    NextHop hop = NextHop.parse("example.org:2525");
    assertTrue(hop.mxLookup());
    assertEquals(NextHop.domain("example.org", 2525), hop);
    assertEquals(NextHop.domain("Example.org.", 25), NextHop.parse(" example.org "));
    assertEquals(hop, NextHop.parse(hop.toString()));
  }

  @Test
  void bracketedAddressIsALiteralWithoutDns() {
    NextHop v4 = NextHop.parse("[192.0.2.1]:2525");
    assertFalse(v4.mxLookup());
    assertEquals("192.0.2.1", v4.address().orElseThrow().getHostAddress());
    assertEquals("[192.0.2.1]:2525", v4.toString());
    assertEquals(v4, NextHop.parse(v4.toString()));

    NextHop v6 = NextHop.parse("[2001:db8::1]");
    assertEquals(25, v6.port());
    assertEquals(v6, NextHop.parse(v6.toString()));
    assertEquals(NextHop.parse("[2001:DB8:0::1]"), v6);
  }

  @Test
  void hostNamesAreNotAddresses() {
    assertTrue(NextHop.parse("[smtp.example]").address().isEmpty());
    assertTrue(NextHop.parse("example.org").address().isEmpty());
  }

  @ParameterizedTest(name = "rejects ''{0}''")
  @ValueSource(
      strings = {
        "",
        "[",
        "[smtp.example",
        "[smtp.example]587",
        "[smtp.example]:",
        "[smtp.example]:0",
        "[smtp.example]:65536",
        "example.org:x",
        "192.0.2.1",
        "[192.0.2]:25",
        "[2001:db8::zz]",
        "[999.0.2.1]",
        ".",
        "\\[\u0000\u0005", // a dnsjava escape and control characters (found by fuzzing)
        "[smtp\\032example]:25"
      })
  void rejectsMalformedNextHops(String text) {
    assertThrows(IllegalArgumentException.class, () -> NextHop.parse(text));
  }
}
