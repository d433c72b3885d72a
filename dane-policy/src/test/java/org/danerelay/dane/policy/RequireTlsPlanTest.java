package org.danerelay.dane.policy;

import static org.danerelay.dane.dns.Security.INDETERMINATE;
import static org.danerelay.dane.dns.Security.INSECURE;
import static org.danerelay.dane.dns.Security.SECURE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.danerelay.dane.dns.Outcome;
import org.danerelay.dane.sts.StsMode;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** REQUIRETLS (RFC 8689 4.2): which hosts of a plan a message that carries it may go to. */
class RequireTlsPlanTest {

  private static DeliveryPlan narrowed(FakeDns dns, TlsLevel level) {
    return RequireTlsPlan.narrow(
        new DeliveryPlanner(dns, new Random(1), level, Map.of()).plan("example.org"),
        "example.org");
  }

  @Test
  void keepsOnlyDaneHostsBehindSignedMxRecords() {
    assertEquals(
        "mx1.example.org 192.0.2.1 dane@mx1.example.org dnssec",
        PlanSummary.of(narrowed(DeliveryPlannerLevelTest.zone(), TlsLevel.DANE)));
  }

  @Test
  void keepsHostsUnderAnEnforcedMtaStsPolicy() {
    DeliveryPlan plan =
        RequireTlsPlan.narrow(
            new DeliveryPlanner(
                    DeliveryPlannerLevelTest.zone(),
                    new Random(1),
                    TlsLevel.DANE,
                    Map.of(),
                    new DeliveryPlannerStsTest.RecordingSource(
                        DeliveryPlannerStsTest.policy(StsMode.ENFORCE, "mx3.example.org")))
                .plan("example.org"),
            "example.org");
    assertEquals(
        "mx1.example.org 192.0.2.1 dane@mx1.example.org dnssec"
            + " | mx3.example.org 192.0.2.3 sts-enforce",
        PlanSummary.of(plan));
  }

  @Test
  void bouncesWith5730WhenNoHostIsAuthenticated() {
    FakeDns dns =
        new FakeDns()
            .mx("example.org", INSECURE, "10 mx.example.org")
            .host("mx.example.org", INSECURE, "192.0.2.1");
    DeliveryPlan plan = narrowed(dns, TlsLevel.DANE);
    assertEquals("bounce 5.7.30", PlanSummary.of(plan));
  }

  @Test
  void aDaneHostBehindAnUnsignedMxRecordDoesNotCount() {
    FakeDns dns =
        new FakeDns()
            .mx("example.org", INSECURE, "10 mx.example.org")
            .host("mx.example.org", SECURE, "192.0.2.1")
            .tlsa("mx.example.org", SECURE, DeliveryPlannerRfcTableTest.EE);
    assertEquals("bounce 5.7.30", PlanSummary.of(narrowed(dns, TlsLevel.DANE)));
  }

  @Test
  void defersInsteadWhenAHostWasSkippedForTroubleThatMayPass() {
    DeliveryPlan plan = narrowed(DeliveryPlannerLevelTest.zone(), TlsLevel.MAY);
    assertEquals("bounce 5.7.30", PlanSummary.of(plan), "level may: no host is authenticated");
    FakeDns dns =
        new FakeDns()
            .mx("example.org", SECURE, "10 mx1.example.org", "20 mx2.example.org")
            .host("mx1.example.org", INSECURE, "192.0.2.1")
            .answer("mx2.example.org", Type.AAAA, Outcome.FAILURE, INDETERMINATE)
            .answer("mx2.example.org", Type.A, Outcome.FAILURE, INDETERMINATE);
    DeliveryPlan skipped = narrowed(dns, TlsLevel.DANE);
    assertEquals("defer 4.7.5", PlanSummary.of(skipped));
    assertTrue(skipped.toString().contains("mx2.example.org"), skipped.toString());
  }
}
