package org.danerelay.dane.policy;

import static org.danerelay.dane.dns.Security.INSECURE;
import static org.danerelay.dane.dns.Security.SECURE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Levels (DANE-RULES 6) over one destination with three kinds of host: DANE (mx1), secure but
 * unusable TLSA (mx2), insecure (mx3).
 */
class DeliveryPlannerLevelTest {

  static FakeDns zone() {
    return new FakeDns()
        .mx("example.org", SECURE, "10 mx1.example.org", "20 mx2.example.org", "30 mx3.example.org")
        .host("mx1.example.org", SECURE, "192.0.2.1")
        .tlsa("mx1.example.org", SECURE, DeliveryPlannerRfcTableTest.EE)
        .host("mx2.example.org", SECURE, "192.0.2.2")
        .tlsa("mx2.example.org", SECURE, "1 1 1 " + FakeDns.sha256Hex(9))
        .host("mx3.example.org", INSECURE, "192.0.2.3");
  }

  static Stream<Arguments> levels() {
    return Stream.of(
        Arguments.of(
            TlsLevel.DANE,
            "mx1.example.org 192.0.2.1 dane@mx1.example.org dnssec"
                + " | mx2.example.org 192.0.2.2 encrypt dnssec | mx3.example.org 192.0.2.3 may"),
        Arguments.of(TlsLevel.DANE_ONLY, "mx1.example.org 192.0.2.1 dane@mx1.example.org dnssec"),
        Arguments.of(
            TlsLevel.ENCRYPT,
            "mx1.example.org 192.0.2.1 dane@mx1.example.org dnssec"
                + " | mx2.example.org 192.0.2.2 encrypt dnssec | mx3.example.org 192.0.2.3 encrypt"),
        Arguments.of(
            TlsLevel.MAY,
            "mx1.example.org 192.0.2.1 may dnssec"
                + " | mx2.example.org 192.0.2.2 may dnssec | mx3.example.org 192.0.2.3 may"),
        Arguments.of(
            TlsLevel.NONE,
            "mx1.example.org 192.0.2.1 none dnssec"
                + " | mx2.example.org 192.0.2.2 none dnssec | mx3.example.org 192.0.2.3 none"));
  }

  @ParameterizedTest(name = "DANE-RULES 6: level {0}")
  @MethodSource("levels")
  void eachLevelDecidesEveryHost(TlsLevel level, String expected) {
    DeliveryPlanner planner = new DeliveryPlanner(zone(), new Random(1), level, Map.of());
    assertEquals(expected, PlanSummary.of(planner.plan("example.org")));
  }

  @Test
  void daneOnlyNotesTheSkippedHosts() {
    DeliveryPlan.TryInOrder plan =
        (DeliveryPlan.TryInOrder)
            new DeliveryPlanner(zone(), new Random(1), TlsLevel.DANE_ONLY, Map.of())
                .plan("example.org");
    assertEquals(2, plan.notes().size(), plan.notes().toString());
    assertTrue(plan.notes().get(0).startsWith("mx2.example.org: TLSA records"));
    assertTrue(plan.notes().get(1).startsWith("mx3.example.org: addresses not DNSSEC-signed"));
  }

  @Test
  void daneOnlyWithoutAnyDaneHostDefersWith475() {
    FakeDns dns =
        new FakeDns()
            .mx("example.org", INSECURE, "10 mx.example.org")
            .host("mx.example.org", INSECURE, "192.0.2.1");
    DeliveryPlan plan =
        new DeliveryPlanner(dns, new Random(1), TlsLevel.DANE_ONLY, Map.of()).plan("example.org");
    assertEquals("defer 4.7.5", PlanSummary.of(plan));
    assertTrue(((DeliveryPlan.Defer) plan).reason().contains("mx.example.org"));
  }

  @Test
  void mayAndNoneNeverAskForTlsa() {
    for (TlsLevel level : new TlsLevel[] {TlsLevel.MAY, TlsLevel.NONE}) {
      FakeDns dns = zone();
      new DeliveryPlanner(dns, new Random(1), level, Map.of()).plan("example.org");
      assertFalse(dns.questions().stream().anyMatch(q -> q.endsWith(" TLSA")), level.toString());
    }
  }

  @Test
  void anOverrideAppliesToItsExactDomainWhateverTheCase() {
    DeliveryPlanner planner =
        new DeliveryPlanner(
            zone(), new Random(1), TlsLevel.DANE, Map.of("Example.ORG.", TlsLevel.NONE));
    assertEquals(TlsLevel.NONE, planner.levelFor("example.org"));
    assertEquals(TlsLevel.NONE, planner.levelFor("EXAMPLE.org."));
    assertEquals(TlsLevel.DANE, planner.levelFor("sub.example.org"), "exact domain only");
    assertEquals(TlsLevel.DANE, planner.levelFor("example.net"));
    assertTrue(PlanSummary.of(planner.plan("example.org")).contains(" none"));
  }

  @Test
  void aRoutedDomainUsesTheRecipientDomainsLevel() {
    FakeDns dns =
        new FakeDns()
            .host("smtp.example.net", SECURE, "192.0.2.50")
            .tlsa("smtp.example.net", 587, SECURE, DeliveryPlannerRfcTableTest.EE);
    DeliveryPlanner planner =
        new DeliveryPlanner(dns, new Random(1), TlsLevel.DANE, Map.of("example.org", TlsLevel.MAY));
    NextHop route = NextHop.parse("[smtp.example.net]:587");
    assertEquals(
        "smtp.example.net 192.0.2.50 may dnssec",
        PlanSummary.of(planner.plan("example.org", route)));
    assertEquals(
        "smtp.example.net 192.0.2.50 dane@smtp.example.net dnssec",
        PlanSummary.of(planner.plan(route)));
  }
}
