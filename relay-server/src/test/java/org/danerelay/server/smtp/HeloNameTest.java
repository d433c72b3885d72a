package org.danerelay.server.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 5321 4.1.1.1: the EHLO and HELO argument is a domain or an address literal. */
class HeloNameTest {

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "mail.example.org                 | true  | a domain",
        "localhost                        | true  | one label is a domain (4.1.2)",
        "a-b.example                      | true  | hyphens inside a label",
        "[192.0.2.1]                      | true  | an IPv4 literal (4.1.3)",
        "[IPv6:2001:db8::1]               | true  | a tagged IPv6 literal (4.1.3)",
        "[IPv6:::ffff:192.0.2.1]          | true  | IPv6 with an IPv4 tail",
        "[x-tag:anything]                 | false | no tag but IPv6 is registered (4.1.3)",
        "-a.example                       | false | a label may not start with a hyphen",
        "a-.example                       | false | nor end with one",
        "mail_server.example              | false | no underscore in a domain",
        "mail.example.                    | false | no trailing dot",
        "mail..example                    | false | no empty label",
        "[192.0.2.256]                    | false | an octet over 255",
        "[2001:db8::1]                    | false | an IPv6 literal needs its tag",
        "[IPv6:2001:db8::g]               | false | not hex",
        "[IPv6:]                          | false | an empty IPv6 literal",
        "[]                               | false | an empty literal",
        "[192.0.2.1                       | false | an unclosed literal",
      })
  void acceptsOnlyADomainOrAnAddressLiteral(String name, boolean valid, String why) {
    assertEquals(valid, HeloName.isValid(name), why);
  }

  @ParameterizedTest(name = "control character {0}")
  @CsvSource({"0", "7", "27", "127"})
  void refusesControlCharacters(int code) {
    assertEquals(false, HeloName.isValid("evil" + (char) code + ".example"));
  }
}
