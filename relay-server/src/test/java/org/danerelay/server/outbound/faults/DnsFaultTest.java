package org.danerelay.server.outbound.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.danerelay.dane.testdns.SignedZoneServer;
import org.danerelay.dane.testdns.TestZones;
import org.danerelay.dane.testdns.ZoneKind;
import org.danerelay.queue.RecipientState;
import org.danerelay.server.outbound.smtp.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Type;

/**
 * Issue 10, faults on the way out: DNS times out, answers SERVFAIL, truncates with TCP failing too,
 * or answers BOGUS, for the MX, address or TLSA lookup (RFC 7672 2.1, 2.2.1-2.2.3). A failure never
 * lowers security: a failed MX lookup defers the domain, a host whose address or TLSA lookup failed
 * is never contacted (not even with opportunistic TLS), and the next MX host delivers with DANE.
 * Truncation that TCP can fix is no fault at all.
 */
@Timeout(180)
class DnsFaultTest {

  /** The first MX host of the host-fault domains: its DNS fails, so it must see no connection. */
  private static final InetAddress SHUNNED = FaultBench.loopback(4);

  private static final InetAddress HEALTHY = FaultBench.loopback(5);

  @TempDir static Path folder;
  private static int port;
  private static SignedZoneServer dns;
  private static FaultyMx shunned;
  private static FaultyMx healthy;
  private static DeliveryLogLines log;
  private static FaultBench relay;

  @BeforeAll
  static void start() throws Exception {
    port = FaultBench.freePortOnAll(SHUNNED, HEALTHY);
    TestCertificates.Minted cert = TestCertificates.selfSigned("mx.faults.test");
    String tlsa = FaultBench.daneEe(cert);
    TestZones.Builder zones = FaultBench.senderDomain(TestZones.builder());
    for (DnsFault fault : DnsFault.values()) {
      String domain = fault.label + "-mx.test";
      host(zones, domain, 10, "mx." + domain, HEALTHY, tlsa);
      fault.apply(zones, domain, Type.MX);
      for (String level : List.of("address", "tlsa")) {
        String one = fault.label + "-" + level + "-one.test";
        String two = fault.label + "-" + level + "-two.test";
        host(zones, one, 10, "mx1." + one, SHUNNED, tlsa);
        host(zones, two, 10, "mx1." + two, SHUNNED, tlsa);
        host(zones, two, 20, "mx2." + two, HEALTHY, tlsa);
        for (String domainOf : List.of(one, two)) {
          if (level.equals("address")) {
            fault.apply(zones, "mx1." + domainOf, Type.A);
          } else {
            fault.apply(zones, tlsaOwner("mx1." + domainOf), Type.TLSA);
          }
        }
      }
    }
    host(zones, "tcp-mx.test", 10, "mx.tcp-mx.test", HEALTHY, tlsa);
    zones.truncatedOverUdp("tcp-mx.test", true);
    host(zones, "tcp-tlsa.test", 10, "mx.tcp-tlsa.test", HEALTHY, tlsa);
    zones.truncatedOverUdp(tlsaOwner("mx.tcp-tlsa.test"), true);
    TestZones built = zones.build();
    dns = built.serve();
    shunned = new FaultyMx(SHUNNED, port, cert.serverContext());
    healthy = new FaultyMx(HEALTHY, port, cert.serverContext());
    log = new DeliveryLogLines();
    relay = FaultBench.start(folder, built, dns, port);
  }

  /** A signed zone for {@code domain} (once), and an MX host in it with a DANE-EE record. */
  private static void host(
      TestZones.Builder zones,
      String domain,
      int preference,
      String host,
      InetAddress address,
      String tlsa) {
    zones
        .zone(domain, ZoneKind.SIGNED)
        .mx(domain, preference, host)
        .a(host, address.getHostAddress())
        .tlsa(tlsaOwner(host), tlsa);
  }

  private static String tlsaOwner(String host) {
    return "_" + port + "._tcp." + host;
  }

  @AfterEach
  void clean() {
    shunned.reset();
    healthy.reset();
  }

  @AfterAll
  static void stop() throws Exception {
    relay.close();
    log.close();
    shunned.close();
    healthy.close();
    dns.close();
  }

  static Stream<Arguments> mxFaults() {
    return Stream.of(
        argumentSet("MX lookup times out: 4.4.3", DnsFault.TIMEOUT, "4.4.3"),
        argumentSet("MX lookup SERVFAIL: 4.4.3", DnsFault.SERVFAIL, "4.4.3"),
        argumentSet("MX truncated, TCP fails: 4.4.3", DnsFault.TRUNCATED, "4.4.3"),
        argumentSet("MX BOGUS: 4.7.5", DnsFault.BOGUS, "4.7.5"));
  }

  @ParameterizedTest
  @MethodSource("mxFaults")
  void aFailedMxLookupDefersTheDomainWithoutConnecting(DnsFault fault, String status)
      throws Exception {
    String rcpt = "bob@" + fault.label + "-mx.test";
    String id = relay.send(rcpt);
    relay.awaitRunEnded(id);

    // RFC 7672 2.2.1: an MX lookup that fails or is bogus defers the whole destination.
    String reason = status + " MX lookup for " + fault.label + "-mx.test failed";
    relay.assertDeferred(id, rcpt, reason);
    assertLogged(rcpt, "relay=none");
    assertLogged(rcpt, "status=deferred (" + reason);
    assertEquals(0, healthy.connections(), "its MX host was never tried");
  }

  static Stream<Arguments> hostFaults() {
    return Stream.of(
        row("address lookup times out: host skipped", DnsFault.TIMEOUT, "address", "4.4.3"),
        row("address lookup SERVFAIL: host skipped", DnsFault.SERVFAIL, "address", "4.4.3"),
        row("address truncated, TCP fails: host skipped", DnsFault.TRUNCATED, "address", "4.4.3"),
        row("address BOGUS: host skipped, 4.7.5", DnsFault.BOGUS, "address", "4.7.5"),
        // RFC 7672 2.2.3: a failed or bogus TLSA lookup means the host MUST NOT be contacted.
        row("TLSA lookup times out: host never contacted", DnsFault.TIMEOUT, "tlsa", "4.7.5"),
        row("TLSA lookup SERVFAIL: host never contacted", DnsFault.SERVFAIL, "tlsa", "4.7.5"),
        row("TLSA truncated, TCP fails: never contacted", DnsFault.TRUNCATED, "tlsa", "4.7.5"),
        row("TLSA BOGUS: host never contacted", DnsFault.BOGUS, "tlsa", "4.7.5"));
  }

  private static Arguments row(String name, DnsFault fault, String level, String status) {
    return argumentSet(name, fault, level, status);
  }

  @ParameterizedTest
  @MethodSource("hostFaults")
  void aHostWhoseLookupFailsIsNeverContactedAndTheNextMxDeliversWithDane(
      DnsFault fault, String level, String status) throws Exception {
    String one = fault.label + "-" + level + "-one.test";
    String two = fault.label + "-" + level + "-two.test";
    String bob = "bob@" + one;
    String carol = "carol@" + two;
    String id = relay.send(bob, carol);
    relay.awaitRunEnded(id);

    String reason = status + " no host of " + one + " left to try: mx1." + one;
    relay.assertDeferred(id, bob, reason);
    assertLogged(bob, "relay=none");
    assertLogged(bob, "status=deferred (" + reason);
    assertEquals(RecipientState.DELIVERED, relay.recipient(id, carol).orElseThrow().state());
    assertLogged(carol, "relay=mx2." + two + "[" + HEALTHY.getHostAddress() + "]:" + port);
    assertLogged(carol, "tls=dane dane=\"3 1 1");
    assertLogged(carol, "status=sent");
    // DANE-RULES 6: the host left out is named in the log, with why.
    List<String> lines = log.aboutMessage(id);
    assertTrue(
        lines.stream().anyMatch(l -> l.contains("Skipping mx1." + two + ": ")), lines.toString());
    assertEquals(0, shunned.connections(), "a host whose lookup failed is never contacted");
    TwoDomainScenario.assertNoPlaintextTransaction(healthy);
  }

  @Test
  void aTruncatedMxAnswerIsFetchedOverTcpAndTheDomainIsDelivered() throws Exception {
    int tcpBefore = dns.tcpQueries();
    String rcpt = "dave@tcp-mx.test";
    String id = relay.send(rcpt);
    relay.awaitRunEnded(id);

    FaultBench.waitFor(() -> relay.finished(id), "delivered");
    assertEquals(List.of(new FaultyMx.Accepted(List.of(rcpt), true)), healthy.accepted());
    assertLogged(rcpt, "tls=dane dane=\"3 1 1");
    assertLogged(rcpt, "status=sent");
    assertTrue(dns.tcpQueries() > tcpBefore, "the MX answer came over TCP");
  }

  @Test
  void aTruncatedTlsaAnswerIsFetchedOverTcpAndDaneStillApplies() throws Exception {
    int tcpBefore = dns.tcpQueries();
    String rcpt = "erin@tcp-tlsa.test";
    String id = relay.send(rcpt);
    relay.awaitRunEnded(id);

    FaultBench.waitFor(() -> relay.finished(id), "delivered");
    assertEquals(List.of(new FaultyMx.Accepted(List.of(rcpt), true)), healthy.accepted());
    assertLogged(rcpt, "relay=mx.tcp-tlsa.test[" + HEALTHY.getHostAddress() + "]:" + port);
    assertLogged(rcpt, "tls=dane dane=\"3 1 1");
    assertTrue(dns.tcpQueries() > tcpBefore, "the TLSA answer came over TCP");
    TwoDomainScenario.assertNoPlaintextTransaction(healthy);
  }

  private static void assertLogged(String recipient, String text) {
    List<String> lines = log.forRecipient(recipient);
    assertTrue(lines.stream().anyMatch(l -> l.contains(text)), text + " in " + lines);
  }
}
