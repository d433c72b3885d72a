package org.danerelay.dane.policy;

import static org.danerelay.dane.dns.Security.INSECURE;
import static org.danerelay.dane.dns.Security.SECURE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.danerelay.dane.sts.MxPattern;
import org.danerelay.dane.sts.StsMode;
import org.danerelay.dane.sts.StsPolicy;
import org.danerelay.dane.sts.StsPolicySource;
import org.danerelay.dane.sts.StsVerdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MTA-STS in the plan (RFC 8461 2, 4, 5) over the three hosts of {@link DeliveryPlannerLevelTest}:
 * DANE (mx1), secure but unusable TLSA (mx2), insecure (mx3). DANE decides where it applies; the
 * policy decides the rest.
 */
class DeliveryPlannerStsTest {

  /** Answers with one policy and remembers every domain asked for. */
  static final class RecordingSource implements StsPolicySource {
    final List<String> asked = new ArrayList<>();
    private final StsVerdict verdict;

    RecordingSource(StsVerdict verdict) {
      this.verdict = verdict;
    }

    @Override
    public StsVerdict policyFor(String domain) {
      asked.add(domain);
      return verdict;
    }
  }

  static StsVerdict policy(StsMode mode, String... mx) {
    return new StsVerdict.Applies(
        new StsPolicy(
            "example.org",
            "20240101",
            mode,
            Arrays.stream(mx).map(MxPattern::new).toList(),
            Duration.ofDays(7),
            "version: STSv1\n"),
        "cached");
  }

  private static DeliveryPlan plan(TlsLevel level, StsPolicySource sts) {
    return new DeliveryPlanner(DeliveryPlannerLevelTest.zone(), new Random(1), level, Map.of(), sts)
        .plan("example.org");
  }

  static Stream<Arguments> table() {
    String dane = "mx1.example.org 192.0.2.1 dane@mx1.example.org dnssec";
    return Stream.of(
        Arguments.of(
            "4.1: enforce listing every host",
            TlsLevel.DANE,
            policy(StsMode.ENFORCE, "*.example.org"),
            dane
                + " | mx2.example.org 192.0.2.2 sts-enforce dnssec"
                + " | mx3.example.org 192.0.2.3 sts-enforce"),
        Arguments.of(
            "4.1: enforce leaves out a host it does not list",
            TlsLevel.DANE,
            policy(StsMode.ENFORCE, "mx3.example.org"),
            dane + " | mx3.example.org 192.0.2.3 sts-enforce"),
        Arguments.of(
            "5: testing reports but never takes TLS away",
            TlsLevel.DANE,
            policy(StsMode.TESTING, "*.example.org"),
            dane
                + " | mx2.example.org 192.0.2.2 encrypt dnssec"
                + " | mx3.example.org 192.0.2.3 sts-testing"),
        Arguments.of(
            "8.3: mode none is no policy",
            TlsLevel.DANE,
            policy(StsMode.NONE),
            dane + " | mx2.example.org 192.0.2.2 encrypt dnssec | mx3.example.org 192.0.2.3 may"),
        Arguments.of(
            "level encrypt: enforce adds authentication",
            TlsLevel.ENCRYPT,
            policy(StsMode.ENFORCE, "*.example.org"),
            dane
                + " | mx2.example.org 192.0.2.2 sts-enforce dnssec"
                + " | mx3.example.org 192.0.2.3 sts-enforce"),
        Arguments.of(
            "level encrypt: testing keeps TLS mandatory",
            TlsLevel.ENCRYPT,
            policy(StsMode.TESTING, "*.example.org"),
            dane
                + " | mx2.example.org 192.0.2.2 encrypt dnssec"
                + " | mx3.example.org 192.0.2.3 encrypt"),
        Arguments.of(
            "level may is the postmaster's choice",
            TlsLevel.MAY,
            policy(StsMode.ENFORCE, "*.example.org"),
            "mx1.example.org 192.0.2.1 may dnssec"
                + " | mx2.example.org 192.0.2.2 may dnssec | mx3.example.org 192.0.2.3 may"),
        Arguments.of(
            "level dane-only: no DANE, no delivery, whatever the policy",
            TlsLevel.DANE_ONLY,
            policy(StsMode.ENFORCE, "*.example.org"),
            dane));
  }

  @ParameterizedTest(name = "RFC 8461 {0}")
  @MethodSource("table")
  void policyDecidesHostsWithoutDane(String row, TlsLevel level, StsVerdict verdict, String want) {
    assertEquals(want, PlanSummary.of(plan(level, new RecordingSource(verdict))));
  }

  @Test
  void aHostLeftOutByAnEnforcePolicyIsNotedWithThePolicyDomain() {
    DeliveryPlan.TryInOrder order =
        (DeliveryPlan.TryInOrder)
            plan(TlsLevel.DANE, new RecordingSource(policy(StsMode.ENFORCE, "mx3.example.org")));
    assertEquals(
        List.of("mx2.example.org: not an mx of the MTA-STS policy of example.org (enforce)"),
        order.notes());
  }

  @Test
  void anEnforcePolicyListingNoReachableHostDefersWith475() {
    FakeDns dns =
        new FakeDns()
            .mx("example.org", INSECURE, "10 mx.example.org")
            .host("mx.example.org", INSECURE, "192.0.2.1");
    RecordingSource sts = new RecordingSource(policy(StsMode.ENFORCE, "other.example.org"));
    DeliveryPlan plan =
        new DeliveryPlanner(dns, new Random(1), TlsLevel.DANE, Map.of(), sts).plan("example.org");
    assertEquals("defer 4.7.5", PlanSummary.of(plan));
    assertTrue(((DeliveryPlan.Defer) plan).reason().contains("MTA-STS"), plan.toString());
  }

  @Test
  void section2DaneDecidesAloneWhenEveryHostHasIt() {
    FakeDns dns =
        new FakeDns()
            .mx("example.org", SECURE, "10 mx1.example.org")
            .host("mx1.example.org", SECURE, "192.0.2.1")
            .tlsa("mx1.example.org", SECURE, DeliveryPlannerRfcTableTest.EE);
    RecordingSource sts = new RecordingSource(policy(StsMode.ENFORCE, "nothing.example.org"));
    DeliveryPlan plan =
        new DeliveryPlanner(dns, new Random(1), TlsLevel.DANE, Map.of(), sts).plan("example.org");
    assertEquals("mx1.example.org 192.0.2.1 dane@mx1.example.org dnssec", PlanSummary.of(plan));
    assertEquals(List.of(), sts.asked);
  }

  @Test
  void thePolicyIsAskedForOnceAPlanWhateverTheNumberOfHosts() {
    RecordingSource sts = new RecordingSource(policy(StsMode.ENFORCE, "*.example.org"));
    plan(TlsLevel.DANE, sts);
    assertEquals(List.of("example.org"), sts.asked);
  }

  @Test
  void aConfiguredRouteIsNotCoveredByTheRecipientDomainsPolicy() {
    RecordingSource sts = new RecordingSource(policy(StsMode.ENFORCE, "*.example.org"));
    DeliveryPlan plan =
        new DeliveryPlanner(
                DeliveryPlannerLevelTest.zone(), new Random(1), TlsLevel.DANE, Map.of(), sts)
            .plan("example.org", NextHop.host("mx3.example.org", 25));
    assertEquals("mx3.example.org 192.0.2.3 may", PlanSummary.of(plan));
    assertEquals(List.of(), sts.asked);
  }
}
