package org.danerelay.server.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.RelayPerTest;
import org.danerelay.server.testing.SmtpTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Floods of connections that connect and say nothing: they may not keep a well-behaved client from
 * its {@code 220} for more than a few seconds.
 */
class IdleFloodTest {

  private static final String GREETING = "220 relay.test ESMTP DaneRelay";
  // Loopback clients are outsiders here, subject to the per-address limit as internet clients are.
  private static final String OUTSIDERS = "relay.networks=192.0.2.0/24";

  @RegisterExtension final RelayPerTest relays = new RelayPerTest();
  private RelayFixture relay;
  private final List<Socket> flood = new ArrayList<>();

  @AfterEach
  void closeFlood() throws IOException {
    for (Socket socket : flood) {
      socket.close();
    }
  }

  @Test
  void greetsANewClientAtOnceWhile250AddressesAndOneGreedyAddressHoldIdleConnections()
      throws Exception {
    relay = relays.start(OUTSIDERS); // the shipped limits otherwise
    for (int host = 1; host <= 250; host++) {
      flood.add(idleFrom("127.0.1." + host));
    }
    for (int i = 0; i < 60; i++) {
      flood.add(idleFrom("127.0.2.1")); // ten more than smtpd.max-connections-per-client
    }
    long start = System.nanoTime();
    try (SmtpTestClient client = relay.connect()) {
      assertEquals(GREETING, client.reply());
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, took::toString);
      assertEquals("250 Ok", afterHello(client).command("NOOP"));
    }
  }

  @Test
  void shedsIdleConnectionsThatFillTheListenerWithinTheStressTimeout() throws Exception {
    relay = relays.start(OUTSIDERS, "smtpd.max-connections=40", "smtpd.stress-timeout=1s");
    List<SmtpTestClient> idle = new ArrayList<>();
    try {
      for (int host = 1; host <= 40; host++) {
        SmtpTestClient client = SmtpTestClient.connectFrom("127.0.3." + host, relay.port(), null);
        assertEquals(GREETING, client.reply());
        idle.add(client);
      }
      long full = System.nanoTime();
      for (SmtpTestClient client : idle) {
        assertEquals(
            "421 4.4.2 Timeout exceeded, closing connection",
            client.replyWithin(Duration.ofSeconds(5)));
      }
      Duration shed = Duration.ofNanos(System.nanoTime() - full);
      assertTrue(shed.compareTo(Duration.ofSeconds(3)) < 0, shed::toString);
      try (SmtpTestClient client = relay.connect()) {
        assertEquals(GREETING, client.reply());
      }
    } finally {
      for (SmtpTestClient client : idle) {
        client.close();
      }
    }
  }

  @Test
  void keepsTheFullIdleTimeoutWhileTheListenerIsNotUnderStress() throws Exception {
    relay =
        relays.start(
            OUTSIDERS,
            "smtpd.max-connections=40",
            "smtpd.stress-timeout=1s",
            "smtpd.idle-timeout=30s");
    List<SmtpTestClient> idle = new ArrayList<>();
    try {
      for (int host = 1; host <= 10; host++) { // a quarter of the limit: no stress
        SmtpTestClient client = SmtpTestClient.connectFrom("127.0.4." + host, relay.port(), null);
        assertEquals(GREETING, client.reply());
        idle.add(client);
      }
      for (SmtpTestClient client : idle) {
        assertEquals(null, client.replyWithin(Duration.ofMillis(300)));
      }
      assertEquals("250 Ok", idle.get(0).command("NOOP"), "still open after 3 s of silence");
    } finally {
      for (SmtpTestClient client : idle) {
        client.close();
      }
    }
  }

  /** A connection from {@code address} that never says anything nor reads. */
  private Socket idleFrom(String address) throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(address, 0));
    socket.connect(new InetSocketAddress("127.0.0.1", relay.port()), 10_000);
    return socket;
  }

  private static SmtpTestClient afterHello(SmtpTestClient client) throws IOException {
    client.command("EHLO client.test");
    return client;
  }
}
