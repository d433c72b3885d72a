package org.danerelay.dane.testdns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.danerelay.dane.dns.DnsAnswer;
import org.danerelay.dane.dns.Security;
import org.danerelay.dane.dns.ValidatingDnsLookup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The test server's wire faults do what the fault tests rely on: each one, and nothing more. */
@Timeout(30)
class WireFaultsTest {

  private static final Duration SHORT = Duration.ofMillis(500);

  private static TestZones zones;
  private static SignedZoneServer server;

  @BeforeAll
  static void start() throws IOException {
    zones =
        TestZones.builder()
            .zone("faults.test", ZoneKind.SIGNED)
            .a("silent.faults.test", "127.0.0.2")
            .a("cut.faults.test", "127.0.0.3")
            .a("cut-ok.faults.test", "127.0.0.4")
            .a("forged.faults.test", "127.0.0.5")
            .a("fine.faults.test", "127.0.0.6")
            .silent("silent.faults.test")
            .truncatedOverUdp("cut.faults.test", false)
            .truncatedOverUdp("cut-ok.faults.test", true)
            .badSignature("forged.faults.test", Type.A)
            .build();
    server = zones.serve();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Message ask(String name) throws IOException {
    SimpleResolver resolver = new SimpleResolver(server.address());
    resolver.setTimeout(SHORT);
    return resolver.send(
        Message.newQuery(Record.newRecord(TestZones.name(name), Type.A, DClass.IN)));
  }

  private static DnsAnswer validated(String name) throws IOException {
    return new ValidatingDnsLookup(
            List.of(server.address()),
            new ByteArrayInputStream(zones.trustAnchor().getBytes(StandardCharsets.US_ASCII)),
            SHORT,
            Clock.systemUTC())
        .lookup(TestZones.name(name), Type.A);
  }

  @Test
  void aSilentNameIsNeverAnswered() {
    assertThrows(IOException.class, () -> ask("silent.faults.test"));
  }

  @Test
  void aTruncatedNameWhoseTcpIsClosedCannotBeAnswered() {
    int before = server.truncatedResponses();
    assertThrows(IOException.class, () -> ask("cut.faults.test"));
    assertTrue(server.truncatedResponses() > before);
  }

  @Test
  void aTruncatedNameIsAnsweredInFullOverTcp() throws IOException {
    int tcpBefore = server.tcpQueries();
    Message answer = ask("cut-ok.faults.test");
    assertEquals(1, answer.getSection(1).size(), answer.toString());
    assertTrue(server.tcpQueries() > tcpBefore);
  }

  @Test
  void aDamagedSignatureIsBogusWhileItsNeighbourIsSecure() throws IOException {
    assertEquals(Security.BOGUS, validated("forged.faults.test").security());
    assertEquals(Security.SECURE, validated("fine.faults.test").security());
  }
}
