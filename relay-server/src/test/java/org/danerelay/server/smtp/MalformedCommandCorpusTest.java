package org.danerelay.server.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.List;
import java.util.regex.Pattern;
import org.danerelay.server.testing.LogCapture;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.RelayPerTest;
import org.danerelay.server.testing.SmtpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile input gets a reply, never an exception: a corpus of malformed commands, each in its own
 * session after EHLO and MAIL, answered with a proper SMTP reply (RFC 5321 4.2), and nothing in the
 * log or on standard error that is a stack trace.
 */
class MalformedCommandCorpusTest {

  // RFC 5321 4.2: three digits, then SP (the last line) and text.
  private static final Pattern PROPER_REPLY =
      Pattern.compile("(?s)([2-5][0-9]{2}-[^\\r\\n]*\\r\\n)*[2-5][0-9]{2} .+");

  private static final List<String> CORPUS =
      List.of(
          "",
          "   ",
          "MAIL",
          "MAIL FROM:",
          "MAIL FROM:<",
          "MAIL FROM:<a@example.org",
          "MAIL FROM:<a@example.org> SIZE=abc",
          "MAIL FROM:<a@example.org> SIZE=99999999999999999999999",
          "MAIL FROM:<a@example.org> BODY=9BIT",
          "MAIL FROM:<a@example.org> XYZ=1",
          "MAIL TO:<a@example.org>",
          "RCPT",
          "RCPT TO:",
          "RCPT TO:<>",
          "RCPT TO:<@a.example,@b.example:c@d.example>",
          "RCPT TO:<a%b@c.example>",
          "RCPT TO:<\"unterminated@d.example>",
          "RCPT TO:<a@[300.1.1.1]>",
          "RCPT TO:<a\u0000b@local.test>",
          "RCPT TO:<a@local.test> NOTIFY=NEVER",
          "DATA now",
          "BDAT 10 LAST",
          "STARTTLS now",
          "EHLO",
          "EHLO a b",
          "EHLO evil\u001b[31m\u0007",
          "HELO",
          "VRFY",
          "VRFY root",
          "EXPN staff",
          "HELP nonsense",
          "XYZZY",
          "MAILX FROM:<a@example.org>",
          "QUITX",
          "AUTH PLAIN",
          "\u00ff\u00fe\u0080",
          "NOOP " + "n".repeat(990),
          "RCPT TO:<" + "l".repeat(300) + "@local.test>",
          "RCPT TO:<a@" + "d".repeat(300) + ".example>");

  @RegisterExtension final RelayPerTest relays = new RelayPerTest();

  @RegisterExtension final LogCapture logs = new LogCapture();

  @Test
  void answersEveryMalformedCommandWithAProperReplyAndLogsNoStackTrace() throws Exception {
    // The corpus is one error after another: the error limits are not what is tested here.
    RelayFixture relay = relays.start("smtpd.hard-error-limit=1000", "smtpd.soft-error-limit=1000");
    for (String line : CORPUS) {
      try (SmtpTestClient client = relay.connect()) {
        client.hello();
        assertTrue(client.command("MAIL FROM:<s@example.org>").startsWith("250"));
        client.send(line + "\r\n");
        String reply = client.reply();
        assertNotNull(reply, "no reply to " + printable(line));
        assertTrue(PROPER_REPLY.matcher(reply).matches(), printable(line) + " got " + reply);
      }
    }
    for (ILoggingEvent event : logs.events()) {
      assertEquals(null, event.getThrowableProxy(), event.getFormattedMessage());
    }
    assertEquals("", logs.stderr());
  }

  private static String printable(String line) {
    return line.codePoints()
        .mapToObj(c -> c < 0x20 || c > 0x7e ? String.format("\\x%02x", c) : Character.toString(c))
        .reduce("", String::concat);
  }
}
