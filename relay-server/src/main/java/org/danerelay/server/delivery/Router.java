package org.danerelay.server.delivery;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.danerelay.dane.policy.Attempt;
import org.danerelay.dane.policy.DeliveryPlan;
import org.danerelay.dane.policy.DeliveryPlanner;
import org.danerelay.dane.policy.NextHop;
import org.danerelay.dane.policy.TlsRequirement;
import org.danerelay.server.config.HostPort;
import org.danerelay.server.outbound.RouteTable;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Decides where a recipient domain's mail goes: local domains to {@code local.forward} (the inbound
 * MX role, STARTTLS when offered), every other domain through the DANE planner.
 *
 * <p>Public only so that a reload can build one ({@link DeliveryEngine#routerFor}) before putting
 * it in use; its workings stay inside this package.
 */
public final class Router {

  private final DeliveryPlanner planner;
  private final RouteTable routes;
  private final Set<String> localDomains;
  private final Optional<HostPort> localForward;
  private final int port;

  Router(
      DeliveryPlanner planner,
      RouteTable routes,
      Set<String> localDomains,
      Optional<HostPort> localForward,
      int port) {
    this.planner = planner;
    this.routes = routes;
    this.localDomains = Set.copyOf(localDomains);
    this.localForward = localForward;
    this.port = port;
  }

  DeliveryPlan plan(String domain) {
    String lower = domain.toLowerCase(Locale.ROOT);
    if (!localDomains.contains(lower)) {
      // A configured route replaces the MX lookup; the level stays the recipient domain's.
      return planner.plan(lower, routes.routeFor(lower).orElse(NextHop.domain(lower, port)));
    }
    if (localForward.isEmpty()) {
      return new DeliveryPlan.Defer(
          "4.3.5 mail for local domain " + lower + " but no local.forward");
    }
    HostPort forward = localForward.get();
    Attempt attempt =
        new Attempt(
            nameOf(lower),
            nameOf(lower),
            forward.toSocketAddress().getAddress(),
            forward.port(),
            new TlsRequirement.Opportunistic(),
            false);
    return new DeliveryPlan.TryInOrder(List.of(attempt), List.of("local domain: local.forward"));
  }

  private static Name nameOf(String domain) {
    try {
      return Name.fromString(domain, Name.root);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a domain name: " + domain, e);
    }
  }
}
