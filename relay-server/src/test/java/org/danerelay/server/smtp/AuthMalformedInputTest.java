package org.danerelay.server.smtp;

import static org.danerelay.server.smtp.AuthCredentials.PASSWORD;
import static org.danerelay.server.smtp.AuthCredentials.USER;
import static org.danerelay.server.smtp.AuthCredentials.base64;
import static org.danerelay.server.smtp.AuthCredentials.plain;
import static org.danerelay.server.smtp.AuthCredentials.submission;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.danerelay.server.testing.LogCapture;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.RelayPerTest;
import org.danerelay.server.testing.SmtpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile AUTH input gets an SMTP reply with an enhanced status code, never an exception: no stack
 * trace and no credential in the log, nothing on standard error.
 */
class AuthMalformedInputTest {

  /** RFC 5321 4.2 with an RFC 3463 code; RFC 4954 4: a 334 carries base64 only. */
  private static final Pattern PROPER_REPLY =
      Pattern.compile(
          "^([2-5][0-5][0-9] [245]\\.\\d{1,3}\\.\\d{1,3} [\\x20-\\x7e]+|334 [A-Za-z0-9+/=]*)$");

  private static final String WRONG_PASSWORD = "Hunter2-guess";
  private static final String LONG_NAME = "u".repeat(300);

  /** One AUTH exchange: the lines sent, one at a time, and the replies expected to them. */
  private record Exchange(String name, List<String> lines, List<String> replyCodes) {}

  private static final List<Exchange> CORPUS =
      List.of(
          new Exchange(
              "empty line after AUTH PLAIN", List.of("AUTH PLAIN", ""), codes("334", "501 5.5.2")),
          new Exchange(
              "cancel after AUTH PLAIN", List.of("AUTH PLAIN", "*"), codes("334", "501 5.7.0")),
          new Exchange(
              "cancel after AUTH LOGIN", List.of("AUTH LOGIN", "*"), codes("334", "501 5.7.0")),
          new Exchange(
              "cancel at the LOGIN password",
              List.of("AUTH LOGIN", base64(USER), "*"),
              codes("334", "334", "501 5.7.0")),
          new Exchange(
              "initial response not base64",
              List.of("AUTH PLAIN !!" + PASSWORD + "!!"),
              codes("501 5.5.2")),
          new Exchange(
              "response not base64",
              List.of("AUTH PLAIN", "%%" + PASSWORD),
              codes("334", "501 5.5.2")),
          new Exchange(
              "no NUL at all",
              List.of("AUTH PLAIN " + base64(USER + PASSWORD)),
              codes("501 5.5.2")),
          new Exchange(
              "one NUL only",
              List.of("AUTH PLAIN " + base64("\0" + USER + PASSWORD)),
              codes("501 5.5.2")),
          new Exchange(
              "a third NUL",
              List.of("AUTH PLAIN " + base64("\0" + USER + "\0" + PASSWORD + "\0x")),
              codes("501 5.5.2")),
          new Exchange(
              "user over 255 octets",
              List.of("AUTH PLAIN " + plain(LONG_NAME, PASSWORD)),
              codes("501 5.5.2")),
          new Exchange(
              "not UTF-8",
              List.of(
                  "AUTH PLAIN "
                      + Base64.getEncoder()
                          .encodeToString(new byte[] {0, (byte) 0xc3, 0x28, 0, 0x41})),
              codes("501 5.5.2")),
          new Exchange("'=' for PLAIN", List.of("AUTH PLAIN ="), codes("501 5.5.2")),
          new Exchange(
              "long base64 without NULs",
              List.of("AUTH PLAIN " + "QUFB".repeat(240)),
              codes("501 5.5.2")),
          new Exchange(
              "overlong response line, then cancel",
              List.of("AUTH PLAIN", "QUFB".repeat(300), "*"),
              codes("334", "500 5.5.2", "501 5.7.0")),
          new Exchange(
              "LOGIN password not base64",
              List.of("AUTH LOGIN", base64(USER), "?" + PASSWORD),
              codes("334", "334", "501 5.5.2")),
          new Exchange(
              "LOGIN empty user and password",
              List.of("AUTH LOGIN", "", ""),
              codes("334", "334", "535 5.7.8")),
          new Exchange(
              "wrong password, lower case verb",
              List.of("auth plain " + plain(USER, WRONG_PASSWORD)),
              codes("535 5.7.8")),
          new Exchange(
              "other user's authzid",
              List.of("AUTH PLAIN " + base64("root\0" + USER + "\0" + WRONG_PASSWORD)),
              codes("535 5.7.8")),
          new Exchange(
              "AUTHX with credentials",
              List.of("AUTHX PLAIN " + plain(USER, PASSWORD)),
              codes("500 5.5.1")),
          new Exchange(
              "AUTHENTICATE",
              List.of("AUTHENTICATE PLAIN " + plain(USER, PASSWORD)),
              codes("500 5.5.1")),
          new Exchange(
              "tab after the verb",
              List.of("AUTH\tPLAIN " + plain(USER, PASSWORD)),
              codes("500 5.5.1")),
          new Exchange("AUTH alone", List.of("AUTH"), codes("501 5.5.2")),
          new Exchange("two spaces", List.of("AUTH  PLAIN"), codes("501 5.5.2")),
          new Exchange("too many words", List.of("AUTH PLAIN a b"), codes("501 5.5.2")),
          new Exchange("unknown mechanism", List.of("AUTH X-" + PASSWORD), codes("504 5.5.4")));

  @TempDir Path folder;
  @RegisterExtension final RelayPerTest relays = new RelayPerTest();

  @RegisterExtension final LogCapture logs = new LogCapture();

  @Test
  void answersEveryMalformedExchangeWithAProperReplyAndLogsNoTraceOrCredential() throws Exception {
    RelayFixture relay =
        relays.start(
            "smtpd.auth.users=" + AuthCredentials.usersFile(folder),
            "smtpd.submission.listen=127.0.0.1:0",
            "smtpd.auth.failure-delay=0",
            "smtpd.auth.max-failures-per-client=1000");
    for (Exchange exchange : CORPUS) {
      List<String> replies = new ArrayList<>();
      try (SmtpTestClient client = submission(relay, "127.0.0.1")) {
        for (String line : exchange.lines()) {
          replies.add(client.command(line));
        }
        // The session goes on: the exchange ended with a reply, not with the connection.
        assertTrue(client.command("QUIT").startsWith("221"), exchange.name());
      }
      for (int i = 0; i < replies.size(); i++) {
        String reply = replies.get(i);
        assertTrue(PROPER_REPLY.matcher(reply).matches(), exchange.name() + ": " + reply);
        assertTrue(
            reply.startsWith(exchange.replyCodes().get(i)),
            exchange.name() + ": expected " + exchange.replyCodes().get(i) + ", got " + reply);
      }
      assertEquals(exchange.replyCodes().size(), replies.size(), exchange.name());
    }
    List<ILoggingEvent> events = logs.events();
    for (ILoggingEvent event : events) {
      String message = event.getFormattedMessage();
      assertEquals(null, event.getThrowableProxy(), message);
      for (String secret :
          List.of(PASSWORD, WRONG_PASSWORD, plain(USER, PASSWORD), LONG_NAME, "AUTHX", "QUFB")) {
        assertFalse(message.contains(secret), message);
      }
    }
    assertTrue(events.stream().anyMatch(e -> e.getFormattedMessage().contains("AUTH failed")));
    assertEquals("", logs.stderr());
  }

  private static List<String> codes(String... codes) {
    return List.of(codes);
  }
}
