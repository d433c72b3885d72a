package org.danerelay.dane.policy;

import static org.danerelay.dane.dns.Security.INSECURE;
import static org.danerelay.dane.dns.Security.SECURE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** RFC 5321 5.1 ordering: preference order, random among equals, IPv6 before IPv4. */
class DeliveryPlannerOrderTest {

  static FakeDns zone() {
    return new FakeDns()
        .mx("example.org", INSECURE, "10 a.example.org", "10 b.example.org", "5 first.example.org")
        .host("first.example.org", INSECURE, "192.0.2.1")
        .host("a.example.org", INSECURE, "192.0.2.10")
        .host("b.example.org", INSECURE, "192.0.2.20");
  }

  static List<String> hosts(DeliveryPlan plan) {
    return ((DeliveryPlan.TryInOrder) plan)
        .attempts().stream()
            .map(a -> PlanNames.text(a.mxHost()))
            .distinct()
            .collect(Collectors.toList());
  }

  @Test
  void equalPreferencesComeInBothOrdersOverSeedsButNeverBeforeALowerPreference() {
    Set<List<String>> orders = new HashSet<>();
    for (int seed = 0; seed < 32; seed++) {
      // SplittableRandom: java.util.Random's first outputs for neighbouring seeds correlate.
      DeliveryPlanner planner =
          new DeliveryPlanner(zone(), new SplittableRandom(seed), TlsLevel.DANE, Map.of());
      List<String> order = hosts(planner.plan("example.org"));
      assertEquals("first.example.org", order.get(0), "RFC 5321 5.1: lowest preference first");
      orders.add(order);
    }
    assertEquals(
        Set.of(
            List.of("first.example.org", "a.example.org", "b.example.org"),
            List.of("first.example.org", "b.example.org", "a.example.org")),
        orders);
  }

  @Test
  void theSameSeedGivesTheSameOrder() {
    List<String> one =
        hosts(
            new DeliveryPlanner(zone(), new Random(7), TlsLevel.DANE, Map.of())
                .plan("example.org"));
    List<String> two =
        hosts(
            new DeliveryPlanner(zone(), new Random(7), TlsLevel.DANE, Map.of())
                .plan("example.org"));
    assertEquals(one, two);
  }

  @Test
  void everyAddressIsAnAttemptIpv6FirstThenIpv4InDnsOrder() {
    FakeDns dns =
        new FakeDns()
            .mx("example.org", SECURE, "10 mx.example.org")
            .host("mx.example.org", SECURE, "192.0.2.1", "2001:db8::1", "192.0.2.2", "2001:db8::2")
            .tlsa("mx.example.org", SECURE);
    DeliveryPlan plan =
        new DeliveryPlanner(dns, new Random(1), TlsLevel.DANE, Map.of()).plan("example.org");
    List<String> addresses =
        ((DeliveryPlan.TryInOrder) plan)
            .attempts().stream()
                .map(a -> a.address().getHostAddress())
                .collect(Collectors.toList());
    assertEquals(
        List.of("2001:db8:0:0:0:0:0:1", "2001:db8:0:0:0:0:0:2", "192.0.2.1", "192.0.2.2"),
        addresses);
  }

  @Test
  void aHostListedTwiceIsTriedOnceAtItsBestPreference() {
    FakeDns dns =
        new FakeDns()
            .mx("example.org", INSECURE, "20 a.example.org", "30 b.example.org", "10 b.example.org")
            .host("a.example.org", INSECURE, "192.0.2.10")
            .host("b.example.org", INSECURE, "192.0.2.20");
    List<String> order =
        hosts(new DeliveryPlanner(dns, new Random(1), TlsLevel.DANE, Map.of()).plan("example.org"));
    assertEquals(List.of("b.example.org", "a.example.org"), order);
    assertTrue(order.size() == 2);
  }
}
