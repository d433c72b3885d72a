package org.danerelay.dane.policy;

import static org.danerelay.dane.dns.Security.BOGUS;
import static org.danerelay.dane.dns.Security.INSECURE;
import static org.danerelay.dane.dns.Security.SECURE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.danerelay.dane.dns.Outcome;
import org.danerelay.dane.sts.StsPolicySource;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * What a plan tells TLSRPT of the DNSSEC and DANE failures that happen before any connection (RFC
 * 8460 4.3.2): a host left out for a BOGUS or failed lookup is {@code dnssec-invalid}, a host left
 * out at level dane-only for want of usable TLSA records is {@code dane-required}; other reasons
 * are not TLS failures.
 */
class DaneFailuresTest {

  private final List<String> told = new ArrayList<>();

  private DeliveryPlanner planner(FakeDns dns, TlsLevel level) {
    return new DeliveryPlanner(
        dns,
        new Random(1),
        level,
        Map.of(),
        StsPolicySource.NONE,
        (domain, host, type) -> told.add(domain + " " + host + " " + type));
  }

  @Test
  void aHostWhoseTlsaLookupIsBogusIsDnssecInvalidAndTheNextHostIsStillPlanned() {
    FakeDns dns =
        new FakeDns()
            .mx("example.org", SECURE, "10 mx1.example.org", "20 mx2.example.org")
            .host("mx1.example.org", SECURE, "192.0.2.1")
            .tlsa("mx1.example.org", BOGUS, DeliveryPlannerRfcTableTest.EE)
            .host("mx2.example.org", SECURE, "192.0.2.2")
            .tlsa("mx2.example.org", SECURE, DeliveryPlannerRfcTableTest.EE);

    DeliveryPlan plan = planner(dns, TlsLevel.DANE).plan("Example.ORG");

    assertEquals("mx2.example.org 192.0.2.2 dane@mx2.example.org dnssec", PlanSummary.of(plan));
    assertEquals(List.of("example.org mx1.example.org dnssec-invalid"), told);
  }

  @Test
  void aBogusAddressIsDnssecInvalidAndAFailedOneIsNot() {
    FakeDns dns =
        new FakeDns()
            .mx("example.org", SECURE, "10 mx1.example.org", "20 mx2.example.org")
            .host("mx1.example.org", BOGUS, "192.0.2.1")
            .answer("mx2.example.org", Type.A, Outcome.FAILURE, INSECURE)
            .answer("mx2.example.org", Type.AAAA, Outcome.FAILURE, INSECURE);

    assertEquals("defer 4.7.5", PlanSummary.of(planner(dns, TlsLevel.DANE).plan("example.org")));
    assertEquals(List.of("example.org mx1.example.org dnssec-invalid"), told);
  }

  @Test
  void aBogusMxLookupIsDnssecInvalidWithoutAHost() {
    FakeDns dns = new FakeDns().mx("example.org", BOGUS, "10 mx1.example.org");

    assertEquals("defer 4.7.5", PlanSummary.of(planner(dns, TlsLevel.DANE).plan("example.org")));
    assertEquals(List.of("example.org  dnssec-invalid"), told);
  }

  @Test
  void daneOnlyLeavesOutHostsWithoutUsableTlsaAsDaneRequired() {
    planner(DeliveryPlannerLevelTest.zone(), TlsLevel.DANE_ONLY).plan("example.org");

    assertEquals(
        List.of(
            "example.org mx2.example.org dane-required",
            "example.org mx3.example.org dane-required"),
        told);
  }

  @Test
  void hostsPlannedWithoutDaneAtLevelDaneAreNoFailure() {
    planner(DeliveryPlannerLevelTest.zone(), TlsLevel.DANE).plan("example.org");

    assertEquals(List.of(), told, "an unsigned host is opportunistic TLS, not a failure");
  }

  @Test
  void aRoutedDestinationTellsNothingOfTheRoutesHosts() {
    FakeDns dns =
        new FakeDns()
            .mx("relay.example", SECURE, "10 mx1.relay.example")
            .host("mx1.relay.example", BOGUS, "192.0.2.1");

    DeliveryPlan plan =
        planner(dns, TlsLevel.DANE)
            .plan("example.org", NextHop.domain("relay.example", NextHop.SMTP_PORT));

    assertEquals("defer 4.7.5", PlanSummary.of(plan));
    assertEquals(List.of(), told, "a route's hosts are the postmaster's, not example.org's");
  }

  @Test
  void mailThatIsItselfAReportTellsNothing() {
    FakeDns dns =
        new FakeDns()
            .mx("example.org", SECURE, "10 mx1.example.org")
            .host("mx1.example.org", SECURE, "192.0.2.1")
            .tlsa("mx1.example.org", BOGUS, DeliveryPlannerRfcTableTest.EE);

    DeliveryPlan plan =
        planner(dns, TlsLevel.DANE)
            .planWithoutMtaSts("example.org", NextHop.domain("example.org", NextHop.SMTP_PORT));

    assertEquals("defer 4.7.5", PlanSummary.of(plan), "DANE still holds it");
    assertEquals(List.of(), told, "TLS-Required: No mail is not counted: no report about a report");
  }
}
