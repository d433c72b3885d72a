package org.danerelay.server.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import org.danerelay.dane.monitor.KeyAlgorithm;
import org.danerelay.dane.monitor.ProbeOutcome;
import org.danerelay.dane.testdns.TestLoopback;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The STARTTLS probe against real SMTP servers on loopback port 25: one handshake per key algorithm
 * shows each key a server holds, under TLS 1.3 (signature algorithms) and TLS 1.2 (cipher suites)
 * alike.
 */
class StarttlsProbeTest {

  private static ServerIdentity rsa;
  private static ServerIdentity ecdsa;

  private final InetAddress address = TestLoopback.randomAddress();
  private final StarttlsProbe probe = new StarttlsProbe("checker.test", Duration.ofSeconds(10));

  @BeforeAll
  static void identities() {
    rsa = ServerIdentity.rsa("mx.example.test", 90);
    ecdsa = ServerIdentity.ecdsa("mx.example.test", 90);
  }

  @Test
  void eachProbeSeesTheKeyOfItsAlgorithmUnderTls13() {
    try (StarttlsPeer peer = StarttlsPeer.at(address, rsa, ecdsa)) {
      ProbeOutcome.Served withRsa = served(KeyAlgorithm.RSA);
      ProbeOutcome.Served withEcdsa = served(KeyAlgorithm.ECDSA);

      assertEquals(rsa.cert(), withRsa.leaf());
      assertEquals(ecdsa.cert(), withEcdsa.leaf());
      assertEquals("TLSv1.3", withRsa.protocol());
      assertEquals(2, peer.tlsSessions());
    }
  }

  @Test
  void eachProbeSeesTheKeyOfItsAlgorithmUnderTls12() {
    try (StarttlsPeer peer = StarttlsPeer.tls12At(address, rsa, ecdsa)) {
      ProbeOutcome.Served withRsa = served(KeyAlgorithm.RSA);
      ProbeOutcome.Served withEcdsa = served(KeyAlgorithm.ECDSA);

      assertEquals(rsa.cert(), withRsa.leaf());
      assertEquals(ecdsa.cert(), withEcdsa.leaf());
      assertEquals("TLSv1.2", withEcdsa.protocol());
      assertTrue(withEcdsa.cipher().contains("_ECDSA_"), withEcdsa.cipher());
    }
  }

  @Test
  void aServerWithoutAKeyOfTheAskedAlgorithmRefusesTheHandshake() {
    try (StarttlsPeer peer = StarttlsPeer.at(address, rsa)) {
      ProbeOutcome outcome = probe.probe(address, 25, "mx.example.test", KeyAlgorithm.ECDSA);

      ProbeOutcome.HandshakeFailed failed =
          assertInstanceOf(ProbeOutcome.HandshakeFailed.class, outcome);
      assertTrue(failed.algorithmRefused(), failed.reason());
      assertEquals(rsa.cert(), served(KeyAlgorithm.RSA).leaf());
    }
  }

  @Test
  void reportsAServerThatOffersNoStarttls() {
    try (StarttlsPeer peer = StarttlsPeer.withoutStarttls(address)) {
      ProbeOutcome outcome = probe.probe(address, 25, "mx.example.test", KeyAlgorithm.RSA);

      ProbeOutcome.NoStarttls none = assertInstanceOf(ProbeOutcome.NoStarttls.class, outcome);
      assertTrue(none.reason().contains("offers no STARTTLS"), none.reason());
    }
  }

  @Test
  void reportsAnAddressWhereNothingListens() {
    ProbeOutcome outcome = probe.probe(address, 25, "mx.example.test", KeyAlgorithm.RSA);

    ProbeOutcome.Unreachable unreachable =
        assertInstanceOf(ProbeOutcome.Unreachable.class, outcome);
    assertTrue(unreachable.reason().startsWith("cannot connect to " + address.getHostAddress()));
    assertFalse(unreachable.reason().isBlank());
  }

  private ProbeOutcome.Served served(KeyAlgorithm algorithm) {
    ProbeOutcome outcome = probe.probe(address, 25, "mx.example.test", algorithm);
    return assertInstanceOf(ProbeOutcome.Served.class, outcome, outcome::toString);
  }
}
