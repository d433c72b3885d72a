package org.danerelay.server.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.danerelay.server.access.AddressRejection;
import org.danerelay.server.access.Mailbox;
import org.danerelay.server.access.PathArgument;
import org.danerelay.server.access.PathParser;
import org.danerelay.server.access.PostmasterAlias;
import org.subethamail.smtp.RejectException;

/**
 * Fuzzes the argument of {@code MAIL FROM:} and {@code RCPT TO:}, the text after the colon as a
 * client sent it (docs/fuzzing.md). Input layout: the argument in UTF-8.
 */
class PathArgumentFuzzTest {

  private static final long MAX_MESSAGE_SIZE = 50L * 1024 * 1024;

  /** Replies MailParameters may give: syntax (501), too big (552), not advertised (555). */
  private static final Set<Integer> PARAMETER_REFUSALS = Set.of(501, 552, 555);

  /**
   * Every argument is either accepted as a valid path, which prints and parses back to the same
   * value, or refused with one printable 4xx/5xx reply line; never an unchecked exception. Checked
   * with and without SMTPUTF8 (RFC 6531 3.4).
   */
  @FuzzTest
  void acceptsValidPathsThatParseBackAndRefusesTheRestWithOneReply(byte[] input) {
    String argument = new String(input, StandardCharsets.UTF_8);
    for (boolean utf8 : new boolean[] {false, true}) {
      checkMailFrom(argument, utf8);
      checkRcptTo(argument, utf8);
    }
  }

  private static void checkMailFrom(String argument, boolean utf8) {
    PathArgument path;
    try {
      path = PathParser.parseMailFrom(argument, utf8);
    } catch (AddressRejection rejection) {
      assertOneRefusalLine(rejection);
      return;
    }
    if (path.mailbox() != null) {
      assertValidMailbox(path.mailbox(), utf8);
    }
    assertEquals(path, parseMailFrom(printed(path), utf8), "MAIL FROM prints and parses back");
    try {
      MailParameters.check(path.parameters(), MAX_MESSAGE_SIZE, true);
    } catch (RejectException e) {
      assertTrue(PARAMETER_REFUSALS.contains(e.getCode()), e.getErrorResponse());
      assertPrintableLine(e.getErrorResponse());
    }
  }

  private static void checkRcptTo(String argument, boolean utf8) {
    PathArgument path;
    try {
      path = PathParser.parseRcptTo(argument, utf8);
    } catch (AddressRejection rejection) {
      assertOneRefusalLine(rejection);
      return;
    }
    assertNotNull(path.mailbox(), "only a reverse-path may be <>");
    assertValidMailbox(path.mailbox(), utf8);
    assertFalse(PostmasterAlias.matches(argument), "the <Postmaster> alias shadows no address");
    assertEquals(path, parseRcptTo(printed(path), utf8), "RCPT TO prints and parses back");
  }

  private static void assertValidMailbox(Mailbox mailbox, boolean utf8) {
    String domain = mailbox.domain();
    // RFC 5321 4.5.3.1: 64 octets of local part, 255 of domain (253 as dotted text)
    assertTrue(mailbox.localPart().getBytes(StandardCharsets.UTF_8).length <= 64, domain);
    assertTrue(domain.length() <= 253 && domain.contains("."), domain);
    assertTrue(domain.chars().allMatch(c -> c < 0x80 && !Character.isUpperCase(c)), domain);
    if (!utf8) {
      assertTrue(mailbox.address().chars().allMatch(c -> c >= 0x20 && c < 0x7f), "ASCII only");
    }
    // The record re-checks its invariants: a parser result always passes them.
    assertEquals(mailbox, new Mailbox(mailbox.localPart(), domain));
  }

  private static void assertOneRefusalLine(AddressRejection rejection) {
    int code = rejection.replyCode();
    assertTrue(code >= 400 && code < 600, rejection.smtpReply());
    assertPrintableLine(rejection.smtpReply());
  }

  private static void assertPrintableLine(String reply) {
    assertTrue(reply.chars().allMatch(c -> c >= 0x20 && c < 0x7f), "printable ASCII: " + reply);
  }

  /** The canonical argument text for a parsed path: brackets, address, parameters. */
  private static String printed(PathArgument path) {
    StringBuilder text = new StringBuilder("<");
    if (path.mailbox() != null) {
      text.append(path.mailbox().address());
    }
    text.append('>');
    path.parameters().forEach(p -> text.append(' ').append(p));
    return text.toString();
  }

  private static PathArgument parseMailFrom(String argument, boolean utf8) {
    try {
      return PathParser.parseMailFrom(argument, utf8);
    } catch (AddressRejection e) {
      throw new AssertionError("refused its own printed form " + argument + ": " + e.smtpReply());
    }
  }

  private static PathArgument parseRcptTo(String argument, boolean utf8) {
    try {
      return PathParser.parseRcptTo(argument, utf8);
    } catch (AddressRejection e) {
      throw new AssertionError("refused its own printed form " + argument + ": " + e.smtpReply());
    }
  }
}
