package org.danerelay.server.smtp;

import static org.danerelay.server.smtp.AuthCredentials.PASSWORD;
import static org.danerelay.server.smtp.AuthCredentials.USER;
import static org.danerelay.server.smtp.AuthCredentials.plain;
import static org.danerelay.server.smtp.AuthCredentials.submission;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.RelayPerTest;
import org.danerelay.server.testing.SmtpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Password guessing is limited: per session (a growing pause, then {@code 421 4.7.0} and the
 * connection closed, RFC 4954 4) and per client address ({@code 454 4.7.0} for a while).
 */
class AuthLimitsTest {

  private static final String INVALID = "535 5.7.8 Authentication credentials invalid";
  private static final String OK = "235 2.7.0 Authentication successful";
  private static final String CLOSING =
      "421 4.7.0 Too many authentication failures, closing connection";
  private static final String LOCKED_OUT =
      "454 4.7.0 Too many authentication failures, try again later";
  private static final String WRONG = "AUTH PLAIN " + plain(USER, "wrong");
  private static final String RIGHT = "AUTH PLAIN " + plain(USER, PASSWORD);

  @RegisterExtension final RelayPerTest relays = new RelayPerTest();

  private RelayFixture start(String... limits) throws Exception {
    List<String> settings = new ArrayList<>();
    settings.add(
        "smtpd.auth.users=" + AuthCredentials.usersFile(Files.createTempDirectory("auth-users")));
    settings.add("relay.networks=192.0.2.0/24");
    settings.add("smtpd.submission.listen=127.0.0.1:0");
    settings.addAll(List.of(limits));
    return relays.start(settings.toArray(String[]::new));
  }

  @Test
  void closesWith421OnTheThirdFailureAndNeverTakesTheRightPasswordAfterIt() throws Exception {
    RelayFixture relay = start("smtpd.auth.failure-delay=0");
    try (SmtpTestClient client = submission(relay, "127.0.0.1")) {
      // The right password is pipelined right behind the third wrong one.
      client.send(WRONG + "\r\n" + WRONG + "\r\n" + WRONG + "\r\n" + RIGHT + "\r\n");
      List<String> replies = client.repliesUntil(r -> false, Duration.ofSeconds(10));
      assertEquals(List.of(INVALID, INVALID, CLOSING), replies);
      assertTrue(client.closedWithin(Duration.ofSeconds(5)));
    }
    // The password was right all along: a new session may use it.
    try (SmtpTestClient client = submission(relay, "127.0.0.1")) {
      assertEquals(OK, client.command(RIGHT));
    }
  }

  @Test
  void pausesLongerBeforeEachFailureReply() throws Exception {
    RelayFixture relay = start("smtpd.auth.failure-delay=1s");
    List<Long> millis = new ArrayList<>();
    try (SmtpTestClient client = submission(relay, "127.0.0.1")) {
      for (String expected : List.of(INVALID, INVALID, CLOSING)) {
        long start = System.nanoTime();
        assertEquals(expected, client.command(WRONG));
        millis.add((System.nanoTime() - start) / 1_000_000);
      }
    }
    // 1s, 2s, 3s plus one PBKDF2 hash each; generous upper bounds for a loaded machine.
    assertTrue(millis.get(0) >= 950 && millis.get(0) < 4_000, millis::toString);
    assertTrue(millis.get(1) >= 1_950 && millis.get(1) < 5_000, millis::toString);
    assertTrue(millis.get(2) >= 2_950 && millis.get(2) < 6_000, millis::toString);
    assertTrue(millis.get(1) - millis.get(0) >= 500, millis::toString);
    assertTrue(millis.get(2) - millis.get(1) >= 500, millis::toString);
  }

  @Test
  void locksAnAddressOutWith454ThenLetsItBackWhenItsFailuresAgeOut() throws Exception {
    RelayFixture relay =
        start(
            "smtpd.auth.failure-delay=0",
            "smtpd.auth.max-failures-per-client=2",
            "smtpd.auth.client-window=2s");
    try (SmtpTestClient client = submission(relay, "127.0.0.1")) {
      assertEquals(INVALID, client.command(WRONG));
      assertEquals(INVALID, client.command(WRONG));
    }
    long lockedAt = System.nanoTime();
    // A new session from the same address: even the right password is refused for now.
    try (SmtpTestClient client = submission(relay, "127.0.0.1")) {
      assertEquals(LOCKED_OUT, client.command(RIGHT));
      assertEquals("554 5.7.1 Relay access denied", relayAttempt(client));
    }
    // Another address is not locked out.
    try (SmtpTestClient client = submission(relay, "127.0.0.2")) {
      assertEquals(OK, client.command(RIGHT));
    }
    // Once the failures are older than the window, AUTH works again; refused tries do not count.
    String reply = LOCKED_OUT;
    long deadline = lockedAt + Duration.ofSeconds(15).toNanos();
    while (reply.equals(LOCKED_OUT) && System.nanoTime() < deadline) {
      Thread.sleep(250);
      try (SmtpTestClient client = submission(relay, "127.0.0.1")) {
        reply = client.command(RIGHT);
      }
    }
    assertEquals(OK, reply);
    assertTrue(System.nanoTime() - lockedAt >= Duration.ofMillis(1_500).toNanos());
  }

  private static String relayAttempt(SmtpTestClient client) throws Exception {
    client.command("MAIL FROM:<alice@example.org>");
    return client.command("RCPT TO:<user@ext.example>");
  }
}
