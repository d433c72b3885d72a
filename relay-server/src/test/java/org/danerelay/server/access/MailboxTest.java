package org.danerelay.server.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The value types keep their invariants however they are built. */
class MailboxTest {

  @ParameterizedTest
  @MethodSource
  void mailboxRefusesValuesTheParserWouldNeverProduce(String localPart, String domain) {
    assertThrows(IllegalArgumentException.class, () -> new Mailbox(localPart, domain));
  }

  static Stream<Arguments> mailboxRefusesValuesTheParserWouldNeverProduce() {
    return Stream.of(
        argumentSet("upper-case domain", "u", "Local.Example"),
        argumentSet("trailing dot", "u", "local.example."),
        argumentSet("U-label instead of A-label", "u", "bücher.example"),
        argumentSet("address literal", "u", "[192.0.2.1]"),
        argumentSet("empty local part", "", "local.example"),
        argumentSet("percent hack", "u%ext.example", "local.example"),
        argumentSet("unterminated quoted string", "\"u\\\"", "local.example"),
        argumentSet("bare quote inside quoted string", "\"a\"b\"", "local.example"));
  }

  @Test
  void mailboxJoinsLocalPartAndDomain() {
    assertEquals(
        "\"john doe\"@local.example", new Mailbox("\"john doe\"", "local.example").address());
  }

  @Test
  void pathArgumentCopiesItsParameters() {
    List<String> parameters = new ArrayList<>(List.of("NOTIFY=NEVER"));
    PathArgument argument = new PathArgument(null, parameters);
    parameters.add("ORCPT=rfc822;x@y.example");
    assertEquals(List.of("NOTIFY=NEVER"), argument.parameters());
    assertThrows(UnsupportedOperationException.class, () -> argument.parameters().add("X"));
  }

  @Test
  void rejectionSplitsItsReplyForTheListener() {
    AddressRejection rejection = new AddressRejection("501 5.1.3 Source routes are not accepted");
    assertEquals(501, rejection.replyCode());
    assertEquals("5.1.3 Source routes are not accepted", rejection.replyText());
    assertEquals(rejection.smtpReply(), rejection.getMessage());
    assertEquals(0, rejection.getStackTrace().length);
  }

  @ParameterizedTest
  @MethodSource
  void refusalRejectsRepliesThatCouldInjectOrAccept(String reply) {
    assertThrows(IllegalArgumentException.class, () -> new Refused(reply));
  }

  static Stream<Arguments> refusalRejectsRepliesThatCouldInjectOrAccept() {
    return Stream.of(
        argumentSet("RFC 5321 4.2: CRLF inside", "554 5.7.1 denied\r\n250 2.1.5 Ok"),
        argumentSet("RFC 5321 4.2.1: 2yz is not a refusal", "250 2.1.5 Ok"),
        argumentSet("RFC 3463: status code missing", "554 Relay access denied"),
        argumentSet("empty text", "554 5.7.1 "));
  }
}
