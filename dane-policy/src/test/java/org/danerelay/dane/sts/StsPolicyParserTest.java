package org.danerelay.dane.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The MTA-STS policy body (RFC 8461 3.2) and its mx patterns (4.1). */
class StsPolicyParserTest {

  /** The example policy of RFC 8461 3.2. */
  static final String EXAMPLE =
      "version: STSv1\r\n"
          + "mode: enforce\r\n"
          + "mx: mail.example.com\r\n"
          + "mx: *.example.net\r\n"
          + "mx: backupmx.example.com\r\n"
          + "max_age: 604800\r\n";

  private static StsPolicy valid(String body) {
    return assertInstanceOf(
            StsPolicyParser.Valid.class, StsPolicyParser.parse("example.com", "id1", body))
        .policy();
  }

  @Test
  void readsTheRfcExample() {
    StsPolicy policy = valid(EXAMPLE);
    assertEquals(StsMode.ENFORCE, policy.mode());
    assertEquals(Duration.ofDays(7), policy.maxAge());
    assertEquals(
        List.of(
            new MxPattern("mail.example.com"),
            new MxPattern("*.example.net"),
            new MxPattern("backupmx.example.com")),
        policy.mx());
    assertEquals("id1", policy.id());
    assertEquals(EXAMPLE, policy.text());
  }

  @Test
  void acceptsLfLineEndsUnknownKeysAndExtraSpace() {
    StsPolicy policy =
        valid("version: STSv1\nmode:testing  \nfuture_key: x\nmx:   mx.example.com\nmax_age: 0");
    assertEquals(StsMode.TESTING, policy.mode());
    assertEquals(Duration.ZERO, policy.maxAge());
  }

  @Test
  void modeNoneNeedsNoMx() {
    assertEquals(StsMode.NONE, valid("version: STSv1\nmode: none\nmax_age: 86400\n").mode());
  }

  @Test
  void theFirstOfARepeatedKeyCounts() {
    assertEquals(
        StsMode.TESTING,
        valid(EXAMPLE.replace("mode: enforce\r\n", "mode: testing\r\nmode: enforce\r\n")).mode());
  }

  @ParameterizedTest(name = "RFC 8461 3.2: invalid: {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no version|version: STSv1|''",
        "version STSv2|STSv1|STSv2",
        "version in other case|version: STSv1|Version: STSv1",
        "mode unknown|mode: enforce|mode: strict",
        "mode in upper case|mode: enforce|mode: ENFORCE",
        "max_age negative|max_age: 604800|max_age: -1",
        "max_age above a year|max_age: 604800|max_age: 31557601",
        "max_age of 11 digits|max_age: 604800|max_age: 00000604800",
        "max_age not a number|max_age: 604800|max_age: 1w",
        "no max_age|max_age: 604800|''",
        "a line without a colon|mode: enforce|mode enforce",
        "a wildcard inside the name|mx: mail.example.com|mx: mail.*.example.com",
        "a double wildcard|mx: *.example.net|mx: *.*.example.net",
      })
  void refuses(String why, String from, String to) {
    String body = EXAMPLE.replace(from, to);
    assertInstanceOf(
        StsPolicyParser.Invalid.class, StsPolicyParser.parse("example.com", "id1", body), why);
  }

  @Test
  void enforceWithoutMxIsInvalid() {
    assertInstanceOf(
        StsPolicyParser.Invalid.class,
        StsPolicyParser.parse("example.com", "1", "version: STSv1\nmode: enforce\nmax_age: 1\n"));
  }

  @ParameterizedTest(name = "RFC 8461 4.1: *.example.net matches {0}")
  @ValueSource(strings = {"mx1.example.net", "MX1.Example.NET", "mx1.example.net."})
  void aWildcardMatchesOneLabel(String host) {
    assertTrue(new MxPattern("*.example.net").matches(host));
  }

  @ParameterizedTest(name = "RFC 8461 4.1: *.example.net does not match {0}")
  @ValueSource(strings = {"example.net", "a.b.example.net", "mx1.example.com", "xexample.net"})
  void aWildcardMatchesNothingElse(String host) {
    assertFalse(new MxPattern("*.example.net").matches(host));
  }

  @Test
  void aPlainPatternMatchesOnlyItsName() {
    assertTrue(new MxPattern("Mail.Example.com.").matches("mail.example.com"));
    assertFalse(new MxPattern("mail.example.com").matches("x.mail.example.com"));
  }
}
