package org.danerelay.server.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 5321 4.1.2 forward-path syntax as {@code RCPT TO} sees it. */
class RecipientPathTest {

  private static final String BAD_SYNTAX = "501 5.1.3 Bad recipient address syntax";
  private static final String BRACKETS =
      "501 5.1.3 Angle brackets are required: use <local-part@domain>";
  private static final String PERCENT_BANG =
      "501 5.1.3 Percent hack / bang path addresses are not accepted";
  private static final String QUOTED =
      "501 5.1.3 Quoted local part with @, %, ! or non-printable characters is not accepted";
  private static final String BAD_DOMAIN = "501 5.1.2 Bad recipient domain syntax";
  private static final String LITERAL = "550 5.1.2 Address literals are not accepted";
  private static final String TOO_LONG = "501 5.1.3 Address too long";
  private static final String NEEDS_UTF8 = "553 5.6.7 Non-ASCII address requires SMTPUTF8";
  private static final String BAD_PARAMETER = "501 5.5.4 Malformed ESMTP parameter";

  @ParameterizedTest
  @MethodSource
  void refusesWithReply(String argument, boolean smtpUtf8, String reply) {
    AddressRejection rejection =
        assertThrows(AddressRejection.class, () -> PathParser.parseRcptTo(argument, smtpUtf8));
    assertEquals(reply, rejection.smtpReply());
  }

  static Stream<Arguments> refusesWithReply() {
    // 22 UTF-8 octets that become a 30-character A-label: short as a path, too long as a name.
    String uLabel = "a\u00fcb\u4e2dc\u00e9d\u4e00e\u00f6f\u4e8cg";
    String longAsALabels = String.join(".", Collections.nCopies(9, uLabel)) + ".example";
    return Stream.of(
        argumentSet("RFC 5321 4.1.2: bare address", "user@local.example", false, BRACKETS),
        argumentSet("RFC 5321 4.1.2: display name", "Joe <u@local.example>", false, BRACKETS),
        argumentSet("RFC 5321 4.1.2: unclosed bracket", "<user@local.example", false, BAD_SYNTAX),
        argumentSet("RFC 5321 4.1.2: null forward-path", "<>", false, BAD_SYNTAX),
        argumentSet("RFC 5321 4.1.1.3: no domain (Postmaster)", "<Postmaster>", false, BAD_SYNTAX),
        argumentSet("RFC 5321 4.1.2: empty local part", "<@local.example>", false, BAD_SYNTAX),
        argumentSet(
            "RFC 5321 4.1.1.3: source route",
            "<@local.example:user@ext.example>",
            false,
            "501 5.1.3 Source routes are not accepted"),
        argumentSet(
            "RFC 5321 C: source route with two hops",
            "<@a.example,@b.example:user@ext.example>",
            false,
            "501 5.1.3 Source routes are not accepted"),
        argumentSet(
            "RFC 1123 5.2.16: percent hack", "<u%ext.example@local.example>", false, PERCENT_BANG),
        argumentSet("RFC 976: bang path", "<ext.example!user@local.example>", false, PERCENT_BANG),
        argumentSet("quoted local part with @", "<\"u@ext.example\"@local.example>", false, QUOTED),
        argumentSet(
            "quoted local part with escaped @", "<\"u\\@ext\"@local.example>", false, QUOTED),
        argumentSet("quoted local part with %", "<\"u%ext.example\"@local.example>", false, QUOTED),
        argumentSet("quoted local part with !", "<\"ext!u\"@local.example>", false, QUOTED),
        argumentSet("quoted non-ASCII even with SMTPUTF8", "<\"dé\"@local.example>", true, QUOTED),
        argumentSet(
            "RFC 5321 4.1.2: empty quoted string", "<\"\"@local.example>", false, BAD_SYNTAX),
        argumentSet(
            "RFC 5321 4.1.2: text after quotes", "<\"u\"x@local.example>", false, BAD_SYNTAX),
        argumentSet("two unquoted @", "<user@ext.example@local.example>", false, BAD_SYNTAX),
        argumentSet("RFC 5321 4.1.2: leading dot", "<.user@local.example>", false, BAD_SYNTAX),
        argumentSet("RFC 5321 4.1.2: trailing dot", "<user.@local.example>", false, BAD_SYNTAX),
        argumentSet("RFC 5321 4.1.2: double dot", "<us..er@local.example>", false, BAD_SYNTAX),
        argumentSet("RFC 5321 4.1.2: space", "<us er@local.example>", false, BAD_SYNTAX),
        argumentSet("RFC 5321 4.1.2: comma", "<us,er@local.example>", false, BAD_SYNTAX),
        argumentSet("NUL", "<user\0@local.example>", false, BAD_SYNTAX),
        argumentSet("bare CR", "<user@local.example\r>", false, BAD_SYNTAX),
        argumentSet("bare LF", "<user@local.example>\n", false, BAD_SYNTAX),
        argumentSet(
            "CRLF smuggling a second command",
            "<user@local.example>\r\nRCPT TO:<victim@ext.example>",
            false,
            BAD_SYNTAX),
        argumentSet("HTAB", "<user@local.example>\tNOTIFY=NEVER", false, BAD_SYNTAX),
        argumentSet("lone surrogate", "<us\uD800er@local.example>", true, BAD_SYNTAX),
        argumentSet("RFC 5321 4.1.3: IPv4 literal", "<user@[192.0.2.1]>", false, LITERAL),
        argumentSet("RFC 5321 4.1.3: IPv6 literal", "<user@[IPv6:2001:db8::1]>", false, LITERAL),
        argumentSet("RFC 5321 4.1.3: malformed literal", "<user@[nonsense]>", false, LITERAL),
        argumentSet(
            "RFC 5321 4.1.2: trailing dot in domain",
            "<user@local.example.>",
            false,
            "501 5.1.2 Trailing dot in domain is not accepted"),
        argumentSet("RFC 5321 4.1.2: empty domain", "<user@>", false, BAD_DOMAIN),
        argumentSet("RFC 5321 4.1.2: empty label", "<user@local..example>", false, BAD_DOMAIN),
        argumentSet("RFC 5321 4.1.2: leading hyphen", "<user@-local.example>", false, BAD_DOMAIN),
        argumentSet("RFC 5321 4.1.2: trailing hyphen", "<user@local-.example>", false, BAD_DOMAIN),
        argumentSet("RFC 5321 4.1.2: underscore", "<user@lo_cal.example>", false, BAD_DOMAIN),
        argumentSet("RFC 5321 2.3.5: single label", "<user@localhost>", false, BAD_DOMAIN),
        argumentSet("RFC 3696 2: numeric TLD", "<user@192.0.2.1>", false, BAD_DOMAIN),
        argumentSet(
            "RFC 1035 2.3.4: 64-octet label",
            "<u@" + "a".repeat(64) + ".example>",
            false,
            BAD_DOMAIN),
        argumentSet(
            "RFC 5321 4.5.3.1.2: A-label form over 253 characters",
            "<u@" + longAsALabels + ">",
            true,
            "501 5.1.2 Domain name too long"),
        argumentSet(
            "RFC 5321 4.5.3.1.1: 65-octet local part",
            "<" + "a".repeat(65) + "@local.example>",
            false,
            TOO_LONG),
        argumentSet(
            "RFC 5321 4.5.3.1.1: 33 two-octet chars",
            "<" + "é".repeat(33) + "@local.example>",
            true,
            TOO_LONG),
        argumentSet("RFC 5321 4.5.3.1.3: 257-octet path", "<" + pathOf(190) + ">", false, TOO_LONG),
        argumentSet("RFC 6531 3.5: non-ASCII local part", "<dé@local.example>", false, NEEDS_UTF8),
        argumentSet("RFC 6531 3.5: U-label domain", "<user@bücher.example>", false, NEEDS_UTF8),
        argumentSet(
            "IDNA: full-width letters fold to ASCII", "<u@ｌｏｃａｌ.example>", true, BAD_DOMAIN),
        argumentSet("IDNA: ideographic full stop", "<u@local\u3002example.com>", true, BAD_DOMAIN),
        argumentSet("IDNA: U-label with trailing hyphen", "<u@bücher-.example>", true, BAD_DOMAIN),
        argumentSet(
            "RFC 5321 4.1.2: no SP before parameter", "<u@local.example>X=1", false, BAD_PARAMETER),
        argumentSet("RFC 5321 4.1.2: empty keyword", "<u@local.example> =1", false, BAD_PARAMETER),
        argumentSet(
            "RFC 5321 4.1.2: keyword starts with -", "<u@local.example> -X", false, BAD_PARAMETER),
        argumentSet(
            "RFC 5321 4.1.2: empty value", "<u@local.example> NOTIFY=", false, BAD_PARAMETER),
        argumentSet("RFC 5321 4.1.2: = in value", "<u@local.example> A=B=C", false, BAD_PARAMETER),
        argumentSet(
            "RFC 5321 4.1.2: second path",
            "<u@local.example> <v@ext.example>",
            false,
            BAD_PARAMETER));
  }

  @ParameterizedTest
  @MethodSource
  void acceptsAndNormalizes(String argument, boolean smtpUtf8, String address, List<String> params)
      throws AddressRejection {
    PathArgument parsed = PathParser.parseRcptTo(argument, smtpUtf8);
    assertEquals(address, parsed.mailbox().address());
    assertEquals(params, parsed.parameters());
  }

  static Stream<Arguments> acceptsAndNormalizes() {
    String local64 = "a".repeat(64);
    String label63 = "b".repeat(63);
    return Stream.of(
        argumentSet(
            "RFC 5321 4.1.2: plain",
            "<user@local.example>",
            false,
            "user@local.example",
            List.of()),
        argumentSet(
            "RFC 5321 3.3: space before path",
            " <user@local.example>",
            false,
            "user@local.example",
            List.of()),
        argumentSet(
            "RFC 5321 2.4: domain lower-cased, local part kept",
            "<User@LOCAL.Example>",
            false,
            "User@local.example",
            List.of()),
        argumentSet(
            "RFC 5321 4.1.2: parameters kept raw and in order",
            "<u@local.example> NOTIFY=SUCCESS,FAILURE  ORCPT=rfc822;u@local.example",
            false,
            "u@local.example",
            List.of("NOTIFY=SUCCESS,FAILURE", "ORCPT=rfc822;u@local.example")),
        argumentSet(
            "RFC 5321 4.1.2: quoted space",
            "<\"john doe\"@local.example>",
            false,
            "\"john doe\"@local.example",
            List.of()),
        argumentSet(
            "RFC 5321 4.1.2: quoted-pair",
            "<\"a\\\"b\"@local.example>",
            false,
            "\"a\\\"b\"@local.example",
            List.of()),
        argumentSet(
            "RFC 5321 4.1.2: quoted >",
            "<\"a>b\"@local.example>",
            false,
            "\"a>b\"@local.example",
            List.of()),
        argumentSet(
            "RFC 5322 3.2.3: atext specials",
            "<a+t/x=y{z}~#@local.example>",
            false,
            "a+t/x=y{z}~#@local.example",
            List.of()),
        argumentSet(
            "RFC 5321 4.5.3.1.1: 64-octet local part",
            "<" + local64 + "@local.example>",
            false,
            local64 + "@local.example",
            List.of()),
        argumentSet(
            "RFC 5321 4.5.3.1.3: 256-octet path",
            "<" + pathOf(189) + ">",
            false,
            pathOf(189),
            List.of()),
        argumentSet(
            "RFC 1035 2.3.4: 63-octet label",
            "<u@" + label63 + ".example>",
            false,
            "u@" + label63 + ".example",
            List.of()),
        argumentSet(
            "RFC 5890: A-label lower-cased",
            "<u@XN--BCHER-KVA.example>",
            false,
            "u@xn--bcher-kva.example",
            List.of()),
        argumentSet(
            "RFC 6531 3.3: U-label as A-label",
            "<u@Bücher.example>",
            true,
            "u@xn--bcher-kva.example",
            List.of()),
        argumentSet(
            "RFC 6531 3.3: supplementary code point U+1D800 is no lone surrogate",
            "<a\uD836\uDC00@local.example>",
            true,
            "a\uD836\uDC00@local.example",
            List.of()),
        argumentSet(
            "RFC 6531 3.3: non-ASCII local part",
            "<δοκιμή@local.example>",
            true,
            "δοκιμή@local.example",
            List.of()));
  }

  /** A 64-octet local part at a domain of {@code domainLength} characters. */
  private static String pathOf(int domainLength) {
    String label63 = "c".repeat(63);
    String domain = label63 + "." + label63 + "." + "c".repeat(domainLength - 136) + ".example";
    return "a".repeat(64) + "@" + domain;
  }
}
