package org.danerelay.server.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.RelayPerTest;
import org.danerelay.server.testing.SmtpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Limits on sessions as a whole: how many at once, how long silent, how long in all. */
class SessionLimitsTest {

  private static final String GREETING = "220 relay.test ESMTP DaneRelay";
  private static final String TOO_MANY = "421 4.7.0 Too many connections, try again later";
  private static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension final RelayPerTest relays = new RelayPerTest();
  private RelayFixture relay;

  @Test
  void refusesAConnectionOverTheLimitWith421AndGreetsAgainOnceOneCloses() throws Exception {
    relay = relays.start("smtpd.max-connections=2");
    try (SmtpTestClient first = relay.connect();
        SmtpTestClient second = relay.connect()) {
      assertEquals(GREETING, first.reply());
      assertEquals(GREETING, second.reply());
      try (SmtpTestClient third = relay.connect()) {
        assertEquals(TOO_MANY, third.reply());
        assertTrue(third.closedWithin(WAIT));
      }
      assertEquals("221 Bye", first.command("QUIT"));
      assertTrue(first.closedWithin(WAIT));
      assertEquals(GREETING, greetingOnceASlotIsFree());
    }
  }

  @Test
  void refusesAClientAddressOverItsOwnLimitWhileAnotherAddressIsStillGreeted() throws Exception {
    relay =
        relays.start(
            "smtpd.max-connections=10",
            "smtpd.max-connections-per-client=2",
            "relay.networks=192.0.2.0/24"); // loopback clients count as outsiders here
    try (SmtpTestClient first = from("127.0.0.1");
        SmtpTestClient second = from("127.0.0.1")) {
      assertEquals(GREETING, first.reply());
      assertEquals(GREETING, second.reply());
      try (SmtpTestClient third = from("127.0.0.1")) {
        assertEquals(
            "421 4.7.0 Too many connections from your address, try again later", third.reply());
        assertTrue(third.closedWithin(WAIT));
      }
      try (SmtpTestClient neighbour = from("127.0.0.2")) {
        assertEquals(GREETING, neighbour.reply(), "one busy address leaves room for others");
      }
      assertEquals("221 Bye", first.command("QUIT"));
      assertTrue(first.closedWithin(WAIT));
      long deadline = System.nanoTime() + WAIT.toNanos();
      String greeting;
      do {
        try (SmtpTestClient again = from("127.0.0.1")) {
          greeting = again.reply();
        }
      } while (!GREETING.equals(greeting) && System.nanoTime() < deadline);
      assertEquals(GREETING, greeting, "a slot of the address is free once its session ends");
    }
  }

  @Test
  void exemptsClientsOfRelayNetworksFromThePerAddressLimit() throws Exception {
    relay = relays.start("smtpd.max-connections-per-client=2"); // loopback relays
    try (SmtpTestClient first = from("127.0.0.1");
        SmtpTestClient second = from("127.0.0.1");
        SmtpTestClient third = from("127.0.0.1")) {
      assertEquals(GREETING, first.reply());
      assertEquals(GREETING, second.reply());
      assertEquals(GREETING, third.reply());
    }
  }

  private SmtpTestClient from(String address) throws Exception {
    return SmtpTestClient.connectFrom(address, relay.port(), relay.trustedCertificate());
  }

  @Test
  void dropsAnIdleClientWith421AfterTheIdleTimeout() throws Exception {
    relay = relays.start("smtpd.idle-timeout=1s");
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      long start = System.nanoTime();
      String reply = client.replyWithin(Duration.ofSeconds(5));
      Duration silent = Duration.ofNanos(System.nanoTime() - start);
      // RFC 5321 4.5.3.2.7 lets a server time out an idle client; 4.4.2 is "bad connection".
      assertEquals("421 4.4.2 Timeout exceeded, closing connection", reply);
      assertTrue(silent.compareTo(Duration.ofMillis(900)) >= 0, silent::toString);
      assertTrue(client.closedWithin(Duration.ofSeconds(3)));
    }
  }

  @Test
  void keepsServingWithAnIdleTimeoutBeyondWhatAnIntHoldsInMilliseconds() throws Exception {
    // 30 days is 2,592,000,000 ms: more than a socket timeout (an int) can hold.
    relay = relays.start("smtpd.idle-timeout=30d");
    try (SmtpTestClient first = relay.connect()) {
      assertEquals(GREETING, first.reply());
    }
    try (SmtpTestClient second = relay.connect()) {
      assertEquals(GREETING, second.reply());
    }
  }

  @Test
  void cutsOffABusyClientWith421AtTheSessionTimeout() throws Exception {
    relay = relays.start("smtpd.session-timeout=2s", "smtpd.idle-timeout=1m");
    try (SmtpTestClient client = relay.connect()) {
      long start = System.nanoTime();
      assertEquals(GREETING, client.reply());
      String reply = "250 Ok";
      // A NOOP every 500 ms keeps the idle timer from firing; only the session limit can end it.
      while ("250 Ok".equals(reply)
          && System.nanoTime() - start < Duration.ofSeconds(6).toNanos()) {
        String unasked = client.replyWithin(Duration.ofMillis(500));
        reply = unasked != null ? unasked : client.command("NOOP");
      }
      Duration lasted = Duration.ofNanos(System.nanoTime() - start);
      assertEquals("421 4.4.2 Session time limit exceeded, closing connection", reply);
      assertTrue(lasted.compareTo(Duration.ofMillis(1900)) >= 0, lasted::toString);
      assertTrue(lasted.compareTo(Duration.ofSeconds(4)) < 0, lasted::toString);
      assertTrue(client.closedWithin(Duration.ofSeconds(3)));
    }
  }

  /**
   * The greeting of a new connection, retried for a few seconds: the relay frees a slot when it
   * sees the old session end, a moment after the client does.
   */
  private String greetingOnceASlotIsFree() throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      try (SmtpTestClient client = relay.connect()) {
        String greeting = client.reply();
        if (!TOO_MANY.equals(greeting) || System.nanoTime() > deadline) {
          return greeting;
        }
      }
      Thread.sleep(20);
    }
  }
}
