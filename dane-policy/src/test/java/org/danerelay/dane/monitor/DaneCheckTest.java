package org.danerelay.dane.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.danerelay.dane.authority.AuthoritySurvey;
import org.danerelay.dane.dns.DnsLookup;
import org.danerelay.dane.dns.ValidatingDnsLookup;
import org.danerelay.dane.publish.TlsaGenerator;
import org.danerelay.dane.testdns.SignedZoneServer;
import org.danerelay.dane.testdns.TestZones;
import org.danerelay.dane.testdns.ZoneKind;
import org.danerelay.dane.tlsa.TlsaRecord;
import org.danerelay.dane.verify.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * The monitor's verdicts over a signed test DNS, with the servers' answers given per probe: the
 * transport is the one edge replaced, so every DNS, DNSSEC and DANE judgement here is the real one.
 */
class DaneCheckTest {

  private static final String MX = "mx.example.test";
  private static final String OWNER = "_25._tcp." + MX;
  private static final Clock AT_TEST_PKI_NOW = Clock.fixed(TestPki.NOW, ZoneOffset.UTC);

  private final TestPki.Chain chain = TestPki.chain(MX);
  private final List<SignedZoneServer> servers = new ArrayList<>();
  private final List<KeyAlgorithm> probed = new ArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(SignedZoneServer::close);
  }

  @Test
  void oneKeyAnsweringBothProbesIsOneEntryNamedByTheKeyServed() throws Exception {
    CheckReport report = check(zone(ee(chain), next()), probe -> served(chain));

    assertEquals(List.of(KeyAlgorithm.RSA, KeyAlgorithm.ECDSA), probed);
    assertEquals(1, report.entries().size());
    assertEquals("ECDSA", report.entries().get(0).algorithm().orElseThrow());
    assertEquals(Severity.OK, report.status(), report.toString());
  }

  @Test
  void anAlgorithmTheServerRefusesBesideOneItServesIsNoFinding() throws Exception {
    CheckReport report =
        check(
            zone(ee(chain), next()),
            probe -> probe == KeyAlgorithm.RSA ? refused(true) : served(chain));

    assertEquals(1, report.entries().size());
    assertEquals(Severity.OK, report.status(), report.toString());
  }

  @Test
  void aHandshakeThatFailsForEveryAlgorithmIsCriticalForEach() throws Exception {
    CheckReport report = check(zone(ee(chain), next()), probe -> refused(true));

    assertEquals(2, report.entries().size());
    assertEquals(Severity.CRITICAL, report.status());
    assertTrue(
        report.entries().stream()
            .allMatch(e -> e.findings().get(0).check() == Check.TLS_HANDSHAKE));
  }

  @Test
  void anUnreachableAddressIsCriticalAndProbedOnce() throws Exception {
    CheckReport report =
        check(zone(ee(chain), next()), probe -> new ProbeOutcome.Unreachable("refused"));

    assertEquals(List.of(KeyAlgorithm.RSA), probed);
    assertEquals(Check.CONNECT, report.entries().get(0).findings().get(0).check());
    assertEquals(Severity.CRITICAL, report.status());
  }

  @Test
  void currentPlusIssuerCountsAsARolloverRecord() throws Exception {
    TlsaRecord issuer = TlsaGenerator.forCertificate(chain.intermediate().cert(), 2, 1, 1);
    CheckReport report = check(zone(ee(chain), issuer.toString()), probe -> served(chain));

    assertEquals(Severity.OK, report.status(), report.toString());
  }

  @Test
  void aLoneRecordIsAWarningForRollover() throws Exception {
    CheckReport report = check(zone(ee(chain)), probe -> served(chain));

    assertEquals(Severity.WARNING, report.status());
    assertEquals(Check.TLSA_ROLLOVER, report.entries().get(0).findings().get(0).check());
  }

  @Test
  void anExpiredCertificateIsCriticalThoughDaneEeStillMatches() throws Exception {
    Clock later = Clock.offset(AT_TEST_PKI_NOW, Duration.ofDays(61));
    CheckReport report = check(zone(ee(chain), next()), probe -> served(chain), later);

    CheckEntry entry = report.entries().get(0);
    assertTrue(entry.served().orElseThrow().matched().isPresent());
    assertEquals(List.of(Check.CERTIFICATE_EXPIRED), checks(entry));
    assertTrue(entry.served().orElseThrow().daysLeft() < 0);
  }

  @Test
  void anUnsignedDomainIsCriticalForItsMxAddressesAndTlsa() throws Exception {
    TestZones zones = base(ZoneKind.UNSIGNED).mx("example.test", 10, MX).a(MX, "127.0.0.1").build();
    CheckReport report = check(zones, probe -> served(chain));

    assertEquals(Check.MX_DNSSEC, report.findings().get(0).check());
    assertEquals(
        List.of(Check.ADDRESS_DNSSEC, Check.TLSA_PRESENT), checks(report.entries().get(0)));
    assertEquals(Severity.CRITICAL, report.status());
  }

  @Test
  void aBogusTlsaRrsetIsCritical() throws Exception {
    TestZones zones =
        base(ZoneKind.SIGNED)
            .mx("example.test", 10, MX)
            .a(MX, "127.0.0.1")
            .tlsa(OWNER, ee(chain))
            .badSignature(OWNER, Type.TLSA)
            .build();
    CheckReport report = check(zones, probe -> served(chain));

    assertEquals(Check.TLSA_LOOKUP, report.entries().get(0).findings().get(0).check());
    assertTrue(report.entries().get(0).dnssec().tlsa().orElseThrow().isFailure());
  }

  @Test
  void aNullMxIsCriticalWithNothingToProbe() throws Exception {
    TestZones zones = base(ZoneKind.SIGNED).mx("example.test", 0, ".").build();
    CheckReport report = check(zones, probe -> served(chain));

    assertEquals(List.of(), report.entries());
    assertEquals(Check.MX_HOSTS, report.findings().get(0).check());
    assertEquals(Severity.CRITICAL, report.status());
  }

  private CheckReport check(TestZones zones, Answer answer) throws Exception {
    return check(zones, answer, AT_TEST_PKI_NOW);
  }

  private CheckReport check(TestZones zones, Answer answer, Clock clock) throws Exception {
    SignedZoneServer server = zones.serve();
    servers.add(server);
    DnsLookup dns =
        new ValidatingDnsLookup(
            List.of(server.address()),
            new ByteArrayInputStream(zones.trustAnchor().getBytes(StandardCharsets.US_ASCII)),
            Duration.ofSeconds(2),
            Clock.systemUTC());
    // The zone's one name server is this test server itself: 127.0.0.1 on its own port.
    AuthoritySurvey authority = new AuthoritySurvey(dns, server.port(), Duration.ofSeconds(2));
    Prober prober =
        (address, port, serverName, algorithm) -> {
          probed.add(algorithm);
          return answer.to(algorithm);
        };
    return new DaneCheck(new DnsSurveyor(dns, authority, 25), prober, 25, clock)
        .run(Name.fromString("example.test."));
  }

  /** What the server does when offered one algorithm. */
  @FunctionalInterface
  private interface Answer {
    ProbeOutcome to(KeyAlgorithm algorithm);
  }

  private TestZones zone(String... tlsa) {
    TestZones.Builder zone = base(ZoneKind.SIGNED).mx("example.test", 10, MX).a(MX, "127.0.0.1");
    for (String rdata : tlsa) {
      zone.tlsa(OWNER, rdata);
    }
    return zone.build();
  }

  private static TestZones.Builder base(ZoneKind kind) {
    return TestZones.builder()
        .zone("example.test", kind)
        .record("example.test", Type.NS, "ns1.example.test.")
        .a("ns1.example.test", "127.0.0.1");
  }

  private static String ee(TestPki.Chain chain) {
    return TlsaGenerator.forCertificate(chain.leaf().cert(), 3, 1, 1).toString();
  }

  private static String next() {
    return "3 1 1 " + HexFormat.of().formatHex(new byte[32]).replace('0', 'a');
  }

  private static ProbeOutcome served(TestPki.Chain chain) {
    return new ProbeOutcome.Served("TLSv1.3", "TLS_AES_128_GCM_SHA256", chain.presented());
  }

  private static ProbeOutcome refused(boolean byAlert) {
    return new ProbeOutcome.HandshakeFailed("Received fatal alert: handshake_failure", byAlert);
  }

  private static List<Check> checks(CheckEntry entry) {
    return entry.findings().stream().map(Finding::check).toList();
  }
}
