package org.danerelay.dane.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A next hop written as an address: no DNS, so no DNSSEC and no TLSA (RFC 7672 2.2); the level
 * alone decides, and never with more trust than the address allows.
 */
class AddressLiteralPlanTest {

  static Stream<Arguments> levels() {
    return Stream.of(
        Arguments.of(TlsLevel.DANE, "192.0.2.7 192.0.2.7 may"),
        Arguments.of(TlsLevel.DANE_ONLY, "defer 4.7.5"),
        Arguments.of(TlsLevel.ENCRYPT, "192.0.2.7 192.0.2.7 encrypt"),
        Arguments.of(TlsLevel.MAY, "192.0.2.7 192.0.2.7 may"),
        Arguments.of(TlsLevel.NONE, "192.0.2.7 192.0.2.7 none"));
  }

  @ParameterizedTest(name = "level {0}")
  @MethodSource("levels")
  void levelAloneDecidesAndNothingIsLookedUp(TlsLevel level, String expected) {
    // An empty fake DNS: any lookup would fail the plan.
    DeliveryPlanner planner = new DeliveryPlanner(new FakeDns(), new Random(1), level, Map.of());

    DeliveryPlan plan = planner.plan("example.org", NextHop.parse("[192.0.2.7]:2525"));

    assertEquals(expected, PlanSummary.of(plan));
    if (plan instanceof DeliveryPlan.TryInOrder tries) {
      assertEquals(2525, tries.attempts().get(0).port());
    }
  }

  @Test
  void saysWhyThereIsNoDane() {
    DeliveryPlanner planner =
        new DeliveryPlanner(new FakeDns(), new Random(1), TlsLevel.DANE_ONLY, Map.of());

    DeliveryPlan.Defer defer =
        (DeliveryPlan.Defer) planner.plan("example.org", NextHop.parse("[2001:db8::25]"));

    assertTrue(defer.reason().contains("address literal"), defer.reason());
  }
}
