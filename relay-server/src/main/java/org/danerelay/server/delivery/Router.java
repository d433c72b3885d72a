package org.danerelay.server.delivery;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.danerelay.dane.policy.Attempt;
import org.danerelay.dane.policy.DeliveryPlan;
import org.danerelay.dane.policy.DeliveryPlanner;
import org.danerelay.dane.policy.NextHop;
import org.danerelay.dane.policy.RequireTlsPlan;
import org.danerelay.dane.policy.TlsRequirement;
import org.danerelay.queue.TlsRequired;
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

  /**
   * The plan for a message to {@code domain}, narrowed to authenticated hosts for REQUIRETLS, or
   * without the recipient domain's MTA-STS policy for {@code TLS-Required: No} (RFC 8689 4.2, 5;
   * DANE still decides where it applies). The hand-off of a local domain's mail to {@code
   * local.forward} is final delivery, like LMTP to the mail store, and keeps its plan either way.
   */
  DeliveryPlan plan(String domain, TlsRequired demand) {
    String lower = domain.toLowerCase(Locale.ROOT);
    if (!localDomains.contains(lower)) {
      // A configured route replaces the MX lookup; the level stays the recipient domain's.
      NextHop nextHop = routes.routeFor(lower).orElse(NextHop.domain(lower, port));
      return switch (demand) {
        case DEFAULT -> planner.plan(lower, nextHop);
        case REQUIRETLS -> RequireTlsPlan.narrow(planner.plan(lower, nextHop), lower);
        case NO -> planner.planWithoutMtaSts(lower, nextHop);
      };
    }
    return localPlan(lower);
  }

  /** Whether {@code domain} is one of {@code local.domains}, whose mail goes to local.forward. */
  boolean isLocal(String domain) {
    return localDomains.contains(domain.toLowerCase(Locale.ROOT));
  }

  private DeliveryPlan localPlan(String lower) {
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
