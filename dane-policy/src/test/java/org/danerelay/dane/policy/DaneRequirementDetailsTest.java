package org.danerelay.dane.policy;

import static org.danerelay.dane.dns.Security.BOGUS;
import static org.danerelay.dane.dns.Security.INSECURE;
import static org.danerelay.dane.dns.Security.SECURE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.danerelay.dane.policy.TlsRequirement.DaneRequired;
import org.danerelay.dane.tlsa.TlsaRecord;
import org.junit.jupiter.api.Test;

/** What a DANE requirement carries (DANE-RULES 3-5), and which questions the planner asks. */
class DaneRequirementDetailsTest {

  static DeliveryPlan plan(FakeDns dns, String domain) {
    return new DeliveryPlanner(dns, new Random(1), TlsLevel.DANE, Map.of()).plan(domain);
  }

  static DaneRequired dane(DeliveryPlan plan) {
    return assertInstanceOf(
        DaneRequired.class, ((DeliveryPlan.TryInOrder) plan).attempts().get(0).requirement());
  }

  @Test
  void referenceIdentifiersAreBaseThenMxNamesThenNextHopLowerCaseWithoutDot() {
    FakeDns dns =
        new FakeDns()
            .mx("Example.ORG", SECURE, "10 MX.Example.ORG")
            .cname("mx.example.org", "mx1.hosting.example", SECURE)
            .host("mx1.hosting.example", SECURE, "192.0.2.1")
            .tlsa("mx1.hosting.example", SECURE, DeliveryPlannerRfcTableTest.EE);
    DaneRequired dane = dane(plan(dns, "EXAMPLE.org."));
    assertEquals("mx1.hosting.example", dane.sni(), "DANE-RULES 5: SNI is the TLSA base domain");
    assertEquals(FakeDns.name("mx1.hosting.example"), dane.tlsaBase());
    assertEquals(
        List.of("mx1.hosting.example", "mx.example.org", "example.org"),
        dane.referenceIdentifiers());
  }

  @Test
  void digestAgilityKeepsTheStrongestDigestPerUsageAndSelector() {
    String sha512 = "3 1 2 " + "ab".repeat(64);
    String full = "2 0 0 3082";
    String taSha256 = "2 1 1 " + FakeDns.sha256Hex(5);
    FakeDns dns =
        DeliveryPlannerRfcTableTest.signed()
            .tlsa(
                "mx1.example.org", SECURE, DeliveryPlannerRfcTableTest.EE, sha512, full, taSha256);
    List<TlsaRecord> usable = dane(plan(dns, "example.org")).usableRecords();
    assertEquals(
        List.of(TlsaRecord.parse(sha512), TlsaRecord.parse(full), TlsaRecord.parse(taSha256)),
        usable);
  }

  @Test
  void tlsaNameUsesTheNextHopPort() {
    FakeDns dns =
        new FakeDns()
            .host("smtp.example.net", SECURE, "192.0.2.50")
            .tlsa("smtp.example.net", 587, SECURE, DeliveryPlannerRfcTableTest.EE);
    DeliveryPlanner planner = new DeliveryPlanner(dns, new Random(1), TlsLevel.DANE, Map.of());
    DeliveryPlan plan = planner.plan(NextHop.parse("[smtp.example.net]:587"));
    Attempt attempt = ((DeliveryPlan.TryInOrder) plan).attempts().get(0);
    assertEquals(587, attempt.port());
    assertTrue(attempt.dnssecMx(), "a [host] next hop is (DNSSEC) when its addresses are");
    assertEquals(List.of("smtp.example.net"), dane(plan).referenceIdentifiers());
    assertEquals(
        List.of("smtp.example.net AAAA", "smtp.example.net A", "_587._tcp.smtp.example.net TLSA"),
        dns.questions(),
        "DANE-RULES 3: a [host]:port next hop skips the MX lookup");
  }

  @Test
  void aDomainNextHopOnAnotherPortLooksUpMxAndTlsaAtThatPort() {
    FakeDns dns =
        new FakeDns()
            .mx("example.org", SECURE, "10 mx1.example.org")
            .host("mx1.example.org", SECURE, "192.0.2.1")
            .tlsa("mx1.example.org", 2525, SECURE, DeliveryPlannerRfcTableTest.EE);
    DeliveryPlanner planner = new DeliveryPlanner(dns, new Random(1), TlsLevel.DANE, Map.of());
    DeliveryPlan plan = planner.plan(NextHop.domain("example.org", 2525));
    assertEquals("mx1.example.org 192.0.2.1 dane@mx1.example.org dnssec", PlanSummary.of(plan));
  }

  @Test
  void anInsecureHostGetsNoTlsaLookupAtAll() {
    FakeDns dns =
        new FakeDns()
            .mx("example.org", SECURE, "10 mx1.example.org")
            .host("mx1.example.org", INSECURE, "192.0.2.1");
    plan(dns, "example.org");
    assertFalse(
        dns.questions().stream().anyMatch(q -> q.endsWith(" TLSA")), dns.questions().toString());
  }

  @Test
  void skippedHostsAreNotedWithTheReason() {
    FakeDns dns =
        new FakeDns()
            .mx("example.org", SECURE, "10 mx1.example.org", "20 mx2.example.org")
            .host("mx1.example.org", SECURE, "192.0.2.1")
            .tlsa("mx1.example.org", BOGUS, DeliveryPlannerRfcTableTest.EE)
            .host("mx2.example.org", INSECURE, "192.0.2.2");
    DeliveryPlan.TryInOrder plan = (DeliveryPlan.TryInOrder) plan(dns, "example.org");
    assertEquals(1, plan.notes().size());
    String note = plan.notes().get(0);
    assertTrue(
        note.startsWith("mx1.example.org: TLSA lookup at _25._tcp.mx1.example.org failed (BOGUS"),
        note);
    assertTrue(note.endsWith("never tried with less protection"), note);
  }

  @Test
  void theDeferReasonCollectsEverySkippedHost() {
    FakeDns dns =
        new FakeDns()
            .mx("example.org", SECURE, "10 mx1.example.org", "20 mx2.example.org")
            .host("mx1.example.org", SECURE, "192.0.2.1")
            .tlsa("mx1.example.org", BOGUS, DeliveryPlannerRfcTableTest.EE)
            .host("mx2.example.org", SECURE);
    DeliveryPlan.Defer defer = assertInstanceOf(DeliveryPlan.Defer.class, plan(dns, "example.org"));
    assertEquals("4.7.5", defer.code(), "DNSSEC trouble outranks a host without addresses");
    assertTrue(defer.reason().contains("mx1.example.org: TLSA lookup"), defer.reason());
    assertTrue(defer.reason().contains("mx2.example.org: no address records"), defer.reason());
  }
}
