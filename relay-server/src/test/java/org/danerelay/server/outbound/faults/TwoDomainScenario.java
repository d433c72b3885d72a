package org.danerelay.server.outbound.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.danerelay.dane.testdns.SignedZoneServer;
import org.danerelay.dane.testdns.TestZones;
import org.danerelay.dane.testdns.ZoneKind;
import org.danerelay.queue.RecipientState;
import org.danerelay.server.outbound.smtp.TestCertificates;

/**
 * The stage for next-hop faults where DANE applies: two DNSSEC-signed domains whose first MX host
 * is the faulty server, both with a {@code 3 1 1} TLSA record that its certificate matches. {@code
 * one.test} has no other host, so its recipient is deferred or bounced; {@code two.test} has a
 * healthy second MX host, so its recipient is delivered there unless the fault was a permanent
 * refusal. Every test message goes to one recipient in each. {@link #UNSIGNED_DOMAIN} is there for
 * contrast: the same faulty host, without DANE.
 */
final class TwoDomainScenario implements AutoCloseable {

  static final InetAddress FAULTY = FaultBench.loopback(2);
  static final InetAddress HEALTHY = FaultBench.loopback(3);

  /** A domain without DNSSEC whose one MX host is the faulty server: no DANE, opportunistic TLS. */
  static final String UNSIGNED_DOMAIN = "plain.test";

  private final AtomicInteger runs = new AtomicInteger();
  private final SignedZoneServer dns;
  private final int port;
  final FaultyMx faulty;
  final FaultyMx healthy;
  final FaultBench relay;
  final DeliveryLogLines log;

  /**
   * @param settings further relay settings, such as the SMTP client's timeouts
   */
  TwoDomainScenario(Path folder, String... settings) throws Exception {
    port = FaultBench.freePortOnAll(FAULTY, HEALTHY);
    TestCertificates.Minted cert = TestCertificates.selfSigned("mx.faults.test");
    String tlsa = FaultBench.daneEe(cert);
    String owner = "_" + port + "._tcp.";
    TestZones zones =
        FaultBench.senderDomain(TestZones.builder())
            .zone("one.test", ZoneKind.SIGNED)
            .mx("one.test", 10, "mx1.one.test")
            .a("mx1.one.test", FAULTY.getHostAddress())
            .tlsa(owner + "mx1.one.test", tlsa)
            .zone("two.test", ZoneKind.SIGNED)
            .mx("two.test", 10, "mx1.two.test")
            .mx("two.test", 20, "mx2.two.test")
            .a("mx1.two.test", FAULTY.getHostAddress())
            .tlsa(owner + "mx1.two.test", tlsa)
            .a("mx2.two.test", HEALTHY.getHostAddress())
            .tlsa(owner + "mx2.two.test", tlsa)
            .zone(UNSIGNED_DOMAIN, ZoneKind.UNSIGNED)
            .mx(UNSIGNED_DOMAIN, 10, "mx." + UNSIGNED_DOMAIN)
            .a("mx." + UNSIGNED_DOMAIN, FAULTY.getHostAddress())
            .build();
    dns = zones.serve();
    faulty = new FaultyMx(FAULTY, port, cert.serverContext());
    healthy = new FaultyMx(HEALTHY, port, cert.serverContext());
    log = new DeliveryLogLines();
    relay = FaultBench.start(folder, zones, dns, port, settings);
  }

  /**
   * Sends one message to both domains while the faulty host misbehaves as told, and checks what a
   * postmaster would see: the queue, the log lines, the second MX host, the DSN, and that no MAIL,
   * RCPT or DATA ever went to any host outside TLS.
   */
  void check(Stage stage, Fault fault, Expect expect, byte[] body) throws Exception {
    int n = runs.incrementAndGet();
    String bob = "bob-" + n + "@one.test";
    String carol = "carol-" + n + "@two.test";
    faulty.misbehave(stage, fault);
    try {
      String id = relay.send(body, bob, carol);
      relay.awaitRunEnded(id);
      if (expect instanceof Expect.Deferred deferred) {
        relay.assertDeferred(id, bob, deferred.reason());
        assertLogged(bob, "relay=mx1.one.test[" + FAULTY.getHostAddress() + "]:" + port);
        assertLogged(bob, "tls=dane");
        assertLogged(bob, "status=deferred (" + deferred.reason());
        assertEquals(
            RecipientState.DELIVERED, relay.recipient(id, carol).orElseThrow().state(), carol);
        assertLogged(carol, "relay=mx2.two.test[" + HEALTHY.getHostAddress() + "]:" + port);
        assertLogged(carol, "tls=dane dane=\"3 1 1");
        assertLogged(carol, "status=sent");
        assertEquals(List.of(new FaultyMx.Accepted(List.of(carol), true)), healthy.accepted());
      } else {
        Expect.Bounced bounced = (Expect.Bounced) expect;
        FaultBench.waitFor(() -> relay.finished(id), "the bounced message leaves the queue");
        for (String rcpt : List.of(bob, carol)) {
          assertLogged(rcpt, "status=bounced (" + bounced.reply());
          String dsn = relay.awaitBounceFor(rcpt);
          assertTrue(dsn.contains("Action: failed"), dsn);
        }
        assertEquals(0, healthy.connections(), "a permanent refusal is not retried elsewhere");
      }
      assertNoPlaintextTransaction(faulty);
      assertNoPlaintextTransaction(healthy);
    } finally {
      faulty.reset();
      healthy.reset();
    }
  }

  /** DANE-RULES 6: where DANE applies, MAIL, RCPT and DATA only ever travel inside TLS. */
  static void assertNoPlaintextTransaction(FaultyMx mx) {
    for (String line : mx.plaintextCommands()) {
      assertTrue(!line.matches("(?i)^(MAIL|RCPT|DATA|BDAT)\\b.*"), "sent outside TLS: " + line);
    }
  }

  private void assertLogged(String recipient, String text) {
    List<String> lines = log.forRecipient(recipient);
    assertTrue(lines.stream().anyMatch(l -> l.contains(text)), text + " in " + lines);
  }

  @Override
  public void close() throws Exception {
    relay.close();
    log.close();
    faulty.close();
    healthy.close();
    dns.close();
  }
}
