package org.danerelay.server.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 5321 4.1.2 reverse-path syntax as {@code MAIL FROM} sees it. */
class SenderPathTest {

  @Test
  void acceptsNullReversePathForBouncesPerRfc5321Section455() throws AddressRejection {
    PathArgument parsed = PathParser.parseMailFrom("<>", false);
    assertTrue(parsed.isNullPath());
    assertNull(parsed.mailbox());
    assertEquals(List.of(), parsed.parameters());
  }

  @Test
  void keepsParametersOfNullReversePath() throws AddressRejection {
    PathArgument parsed = PathParser.parseMailFrom("<> SIZE=1024 BODY=8BITMIME", false);
    assertTrue(parsed.isNullPath());
    assertEquals(List.of("SIZE=1024", "BODY=8BITMIME"), parsed.parameters());
  }

  @Test
  void acceptsSenderAndFindsParameterKeywordsCaseInsensitively() throws AddressRejection {
    PathArgument parsed = PathParser.parseMailFrom("<Bounce@Ext.Example> body=8BITMIME", false);
    assertFalse(parsed.isNullPath());
    assertEquals(new Mailbox("Bounce", "ext.example"), parsed.mailbox());
    assertTrue(parsed.hasParameter("BODY"));
    assertFalse(parsed.hasParameter("SIZE"));
  }

  @Test
  void allowsNonAsciiSenderWhenOfferedAndRequestedPerRfc6531Section34() throws AddressRejection {
    PathArgument parsed = PathParser.parseMailFrom("<δοκιμή@bücher.example> SMTPUTF8", true);
    assertEquals("δοκιμή@xn--bcher-kva.example", parsed.mailbox().address());
  }

  @ParameterizedTest
  @MethodSource
  void refusesWithSenderStatusCodes(String argument, boolean smtpUtf8Offered, String reply) {
    AddressRejection rejection =
        assertThrows(
            AddressRejection.class, () -> PathParser.parseMailFrom(argument, smtpUtf8Offered));
    assertEquals(reply, rejection.smtpReply());
  }

  static Stream<Arguments> refusesWithSenderStatusCodes() {
    String needsUtf8 = "553 5.6.7 Non-ASCII address requires SMTPUTF8";
    return Stream.of(
        argumentSet(
            "RFC 3463 X.1.7: bare address",
            "bounce@ext.example",
            false,
            "501 5.1.7 Angle brackets are required: use <local-part@domain>"),
        argumentSet(
            "RFC 3463 X.1.7: syntax",
            "<a..b@ext.example>",
            false,
            "501 5.1.7 Bad sender address syntax"),
        argumentSet(
            "RFC 5321 4.1.1.3: source route",
            "<@a.example:b@ext.example>",
            false,
            "501 5.1.7 Source routes are not accepted"),
        argumentSet(
            "RFC 1123 5.2.16: percent hack",
            "<b%c@ext.example>",
            false,
            "501 5.1.7 Percent hack / bang path addresses are not accepted"),
        argumentSet(
            "RFC 3463 X.1.8: address literal",
            "<b@[192.0.2.1]>",
            false,
            "550 5.1.8 Address literals are not accepted"),
        argumentSet(
            "RFC 3463 X.1.8: trailing dot",
            "<b@ext.example.>",
            false,
            "501 5.1.8 Trailing dot in domain is not accepted"),
        argumentSet(
            "RFC 6531 3.4: SMTPUTF8 not offered", "<dé@ext.example> SMTPUTF8", false, needsUtf8),
        argumentSet("RFC 6531 3.4: SMTPUTF8 not requested", "<dé@ext.example>", true, needsUtf8),
        argumentSet(
            "RFC 5321 4.1.2: malformed parameter",
            "<b@ext.example> SIZE==1",
            false,
            "501 5.5.4 Malformed ESMTP parameter"));
  }
}
