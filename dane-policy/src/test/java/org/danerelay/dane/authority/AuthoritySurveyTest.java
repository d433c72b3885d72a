package org.danerelay.dane.authority;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.danerelay.dane.dns.Outcome;
import org.danerelay.dane.dns.ResolverDnsLookup;
import org.danerelay.dane.testdns.SignedZoneServer;
import org.danerelay.dane.testdns.TestLoopback;
import org.danerelay.dane.testdns.TestZones;
import org.danerelay.dane.testdns.ZoneKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Two name servers of example.test on port 53 of their own loopback addresses, found through a
 * separate recursive server, each asked directly for the TLSA RRset of the MX host.
 */
class AuthoritySurveyTest {

  private static final String CURRENT = "3 1 1 " + "aa".repeat(32);
  private static final String NEXT = "3 1 1 " + "bb".repeat(32);
  private static final Name TLSA_NAME = name("_25._tcp.mx.example.test.");

  private final InetAddress ns1 = TestLoopback.randomAddress();
  private final InetAddress ns2 = TestLoopback.randomAddress();
  private final List<SignedZoneServer> servers = new java.util.ArrayList<>();

  @AfterEach
  void stopServers() {
    servers.forEach(SignedZoneServer::close);
  }

  @Test
  void findsEveryServerOfTheZoneAndSeesTheSameRecordsOnEach() throws Exception {
    TestZones published = zone(CURRENT, NEXT);
    AuthoritySurvey survey = surveyWith(published, published, published);

    RrsetSurvey tlsa = survey.survey(TLSA_NAME, Type.TLSA);

    assertEquals(java.util.Optional.of(name("example.test.")), tlsa.zone());
    assertEquals(java.util.Set.of(ns1, ns2), addresses(tlsa.answers()));
    assertTrue(tlsa.consistent());
    assertTrue(tlsa.onEveryServer(NEXT.toUpperCase().replace(" ", "  ")));
    assertEquals(300, tlsa.maxTtlSeconds());
    assertTrue(tlsa.answers().get(0).describe().endsWith(": 2 records, TTL 300"));
  }

  @Test
  void namesTheServerThatLagsBehind() throws Exception {
    TestZones published = zone(CURRENT, NEXT);
    TestZones stale = zone(CURRENT);
    AuthoritySurvey survey = surveyWith(published, published, stale);

    RrsetSurvey tlsa = survey.survey(TLSA_NAME, Type.TLSA);

    assertTrue(tlsa.complete());
    assertFalse(tlsa.consistent());
    assertTrue(tlsa.onEveryServer(CURRENT));
    assertFalse(tlsa.onEveryServer(NEXT));
    assertEquals(java.util.Set.of(ns2), addresses(tlsa.lacking(NEXT)));
    assertEquals(name("ns2.example.test."), tlsa.lacking(NEXT).get(0).server());
  }

  @Test
  void aServerThatDoesNotAnswerMakesTheSurveyIncomplete() throws Exception {
    TestZones published = zone(CURRENT, NEXT);
    servers.add(published.serveAt(ns1, 53)); // nothing listens on ns2
    AuthoritySurvey survey = new AuthoritySurvey(recursive(published), 53, Duration.ofSeconds(1));

    RrsetSurvey tlsa = survey.survey(TLSA_NAME, Type.TLSA);

    assertFalse(tlsa.complete());
    assertFalse(tlsa.onEveryServer(CURRENT));
    assertEquals(1, tlsa.lacking(CURRENT).size());
    ServerAnswer silent = tlsa.lacking(CURRENT).get(0);
    assertEquals(ns2, silent.address());
    assertEquals(Outcome.FAILURE, silent.outcome());
    String line = silent.describe();
    assertTrue(
        line.startsWith("ns2.example.test. [" + ns2.getHostAddress() + "]: no answer"), line);
  }

  @Test
  void aMissingRrsetIsAnAuthoritativeNodataNotAFailure() throws Exception {
    TestZones published = zone(CURRENT);
    AuthoritySurvey survey = surveyWith(published, published, published);

    RrsetSurvey none = survey.survey(name("_25._tcp.other.example.test."), Type.TLSA);

    assertTrue(none.complete());
    assertEquals(2, none.answers().size());
    assertTrue(none.answers().stream().allMatch(answer -> answer.outcome() == Outcome.NXDOMAIN));
    assertFalse(none.onEveryServer(CURRENT));
  }

  private AuthoritySurvey surveyWith(TestZones recursiveView, TestZones first, TestZones second)
      throws Exception {
    servers.add(first.serveAt(ns1, 53));
    servers.add(second.serveAt(ns2, 53));
    return new AuthoritySurvey(recursive(recursiveView), 53, Duration.ofSeconds(2));
  }

  private ResolverDnsLookup recursive(TestZones zones) throws Exception {
    SignedZoneServer resolver = zones.serve();
    servers.add(resolver);
    return new ResolverDnsLookup(List.of(resolver.address()), Duration.ofSeconds(2));
  }

  private TestZones zone(String... tlsa) {
    TestZones.Builder builder =
        TestZones.builder()
            .zone("example.test", ZoneKind.SIGNED)
            .record("example.test", Type.NS, "ns1.example.test.")
            .record("example.test", Type.NS, "ns2.example.test.")
            .a("ns1.example.test", ns1.getHostAddress())
            .a("ns2.example.test", ns2.getHostAddress())
            .a("mx.example.test", "192.0.2.25")
            .a("other.example.test", "192.0.2.26")
            .ttl(300);
    for (String rdata : tlsa) {
      builder.tlsa("_25._tcp.mx.example.test", rdata);
    }
    return builder.build();
  }

  private static java.util.Set<InetAddress> addresses(List<ServerAnswer> answers) {
    return answers.stream().map(ServerAnswer::address).collect(java.util.stream.Collectors.toSet());
  }

  private static Name name(String text) {
    return Name.fromConstantString(text);
  }
}
