package org.danerelay.dane.policy;

import static org.danerelay.dane.dns.Security.INSECURE;
import static org.danerelay.dane.dns.Security.SECURE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Random;
import org.danerelay.dane.dns.Outcome;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** The text {@code dane lookup} prints: one line per attempt, then the notes. */
class PlanDescriptionTest {

  @Test
  void describesAttemptsAndNotes() {
    FakeDns dns =
        new FakeDns()
            .mx(
                "example.org",
                SECURE,
                "10 mx1.example.org",
                "20 mx2.example.org",
                "30 mx3.example.org")
            .host("mx1.example.org", SECURE, "2001:db8::1")
            .tlsa("mx1.example.org", SECURE, DeliveryPlannerRfcTableTest.EE)
            .cname("mx2.example.org", "mx.hosting.example", INSECURE)
            .host("mx.hosting.example", INSECURE, "192.0.2.2")
            .host("mx3.example.org", SECURE, "192.0.2.3")
            .answer("_25._tcp.mx3.example.org", Type.TLSA, Outcome.FAILURE, SECURE);
    DeliveryPlan plan =
        new DeliveryPlanner(dns, new Random(1), TlsLevel.DANE, Map.of()).plan("example.org");
    assertEquals(
        String.join(
            "\n",
            "try in order:",
            "  mx1.example.org [2001:db8:0:0:0:0:0:1]:25 (DNSSEC) dane base=mx1.example.org"
                + " sni=mx1.example.org names=mx1.example.org,example.org tlsa=[3 1 1 01000000]",
            "  mx2.example.org -> mx.hosting.example 192.0.2.2:25 (no DNSSEC) opportunistic",
            "note: mx3.example.org: TLSA lookup at _25._tcp.mx3.example.org failed (FAILURE: fake):"
                + " never tried with less protection"),
        PlanDescription.of(plan));
    assertEquals(PlanDescription.of(plan), plan.toString());
  }

  @Test
  void describesDeferAndBounce() {
    assertEquals("defer: 4.4.3 x", PlanDescription.of(new DeliveryPlan.Defer("4.4.3 x")));
    assertEquals("bounce: 5.1.10 y", PlanDescription.of(new DeliveryPlan.Bounce("5.1.10 y")));
  }

  @Test
  void describesEncryptAndPlaintext() {
    assertEquals(
        "encrypt (why)",
        PlanDescription.requirement(new TlsRequirement.EncryptRequired("why", true)));
    assertEquals("plaintext", PlanDescription.requirement(new TlsRequirement.PlaintextOnly()));
  }
}
