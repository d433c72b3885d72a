package org.danerelay.dane.testdns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The test DNS server itself: loopback only, signed answers, proofs, truncation, clean close. */
class SignedZoneServerTest {

  private static final TestZones ZONES =
      TestZones.builder()
          .signedRoot()
          .zone("example.test", ZoneKind.SIGNED)
          .a("mx.example.test", "127.0.0.2")
          .zone("plain.test", ZoneKind.UNSIGNED)
          .a("mx.plain.test", "127.0.0.3")
          .build();

  private static Message ask(SignedZoneServer server, String name, int type, boolean dnssec)
      throws IOException {
    SimpleResolver resolver = new SimpleResolver(server.address());
    resolver.setTimeout(Duration.ofSeconds(2));
    resolver.setEDNS(0, 1232, dnssec ? ExtendedFlags.DO : 0, List.of());
    return resolver.send(Message.newQuery(Record.newRecord(TestZones.name(name), type, DClass.IN)));
  }

  @Test
  void listensOnLoopbackOnly() throws IOException {
    try (SignedZoneServer server = ZONES.serve()) {
      assertTrue(server.address().getAddress().isLoopbackAddress());
      assertTrue(server.port() > 0);
    }
  }

  @Test
  void sendsSignaturesOnlyWhenAskedWithDo() throws IOException {
    try (SignedZoneServer server = ZONES.serve()) {
      Message signed = ask(server, "mx.example.test", Type.A, true);
      Message plain = ask(server, "mx.example.test", Type.A, false);

      assertFalse(
          signed.getSection(Section.ANSWER).stream().noneMatch(r -> r.getType() == Type.RRSIG));
      assertTrue(
          plain.getSection(Section.ANSWER).stream().noneMatch(r -> r.getType() == Type.RRSIG));
      assertFalse(
          signed.getHeader().getFlag(Flags.AD), "an authoritative server does not validate");
    }
  }

  @Test
  void provesNxdomainWithSignedNsec() throws IOException {
    try (SignedZoneServer server = ZONES.serve()) {
      Message response = ask(server, "none.example.test", Type.A, true);

      assertEquals(Rcode.NXDOMAIN, response.getRcode());
      assertTrue(
          response.getSection(Section.AUTHORITY).stream().anyMatch(r -> r.getType() == Type.NSEC));
      assertTrue(
          response.getSection(Section.AUTHORITY).stream().anyMatch(r -> r.getType() == Type.SOA));
    }
  }

  @Test
  void provesTheInsecureDelegationHasNoDs() throws IOException {
    try (SignedZoneServer server = ZONES.serve()) {
      Message response = ask(server, "plain.test", Type.DS, true);

      assertEquals(Rcode.NOERROR, response.getRcode());
      assertTrue(response.getSection(Section.ANSWER).isEmpty());
      Record nsec =
          response.getSection(Section.AUTHORITY).stream()
              .filter(r -> r.getType() == Type.NSEC)
              .findFirst()
              .orElseThrow();
      assertEquals(Name.fromConstantString("plain.test."), nsec.getName());
    }
  }

  @Test
  void truncatesOverUdpAndAnswersWholeOverTcp() throws IOException {
    TestZones.Builder builder = TestZones.builder().zone("big.test", ZoneKind.SIGNED);
    for (int i = 0; i < 30; i++) {
      builder.tlsa("_25._tcp.mx.big.test", "3 1 2 " + String.format("%0128x", i + 1));
    }
    try (SignedZoneServer server = builder.build().serve()) {
      Message response = ask(server, "_25._tcp.mx.big.test", Type.TLSA, true);

      assertEquals(1, server.truncatedResponses());
      assertEquals(1, server.tcpQueries());
      assertEquals(
          30,
          response.getSection(Section.ANSWER).stream()
              .filter(r -> r.getType() == Type.TLSA)
              .count());
    }
  }

  @Test
  void stopsAnsweringWhenClosed() throws IOException {
    SignedZoneServer server = ZONES.serve();
    server.close();
    assertThrows(IOException.class, () -> ask(server, "mx.example.test", Type.A, false));
  }

  @Test
  void trustAnchorIsTheRootDs() {
    assertTrue(ZONES.trustAnchor().startsWith(".\t"), ZONES.trustAnchor());
    assertTrue(ZONES.trustAnchor().contains("IN\tDS\t"), ZONES.trustAnchor());
  }
}
