package org.danerelay.dane.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reference identifier matching for DANE-TA leaves (RFC 7672 3.2.3, RFC 6125 6.4). */
class LeafNameMatcherTest {

  @ParameterizedTest(name = "{3}: {0} vs {1} -> {2}")
  @CsvSource({
    "mx.example.com,     mx.example.com,   true,  RFC 6125 6.4.1 exact",
    "MX.Example.COM,     mx.example.com,   true,  RFC 6125 6.4.1 case-insensitive",
    "mx.example.com.,    mx.example.com,   true,  RFC 6125 6.4.1 trailing dot in the certificate",
    "mx.example.com,     mx.example.com.,  true,  RFC 6125 6.4.1 trailing dot in the reference",
    "mx.example.com,     mx2.example.com,  false, RFC 6125 6.4.1 different name",
    "*.example.com,      mx.example.com,   true,  RFC 6125 6.4.3 wildcard is one leftmost label",
    "*.EXAMPLE.com,      Mx.example.COM,   true,  RFC 6125 6.4.3 wildcard case-insensitive",
    "*.example.com,      a.mx.example.com, false, RFC 7672 3.2.3 wildcard matches only one label",
    "*.example.com,      example.com,      false, RFC 7672 3.2.3 wildcard needs a label to match",
    "m*.example.com,     mx.example.com,   false, RFC 7672 3.2.3 partial-label wildcard never",
    "*x.example.com,     mx.example.com,   false, RFC 7672 3.2.3 partial-label wildcard never",
    "mx.*.com,           mx.example.com,   false, RFC 6125 6.4.3 wildcard only leftmost",
    "*.*.com,            mx.example.com,   false, RFC 6125 6.4.3 one wildcard at most",
    "*.com,              example.com,      false, RFC 6125 7.2 no wildcard over a top-level domain",
    "*.example.com,      *.example.com,    false, a reference identifier is never a wildcard",
  })
  void matchesPresentedNameAgainstReference(
      String presented, String reference, boolean expected, String rule) {
    assertEquals(expected, LeafNameMatcher.matches(presented, reference));
  }
}
