package org.danerelay.server.outbound;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.danerelay.dane.policy.NextHop;
import org.danerelay.server.config.DeliveryRoutes;
import org.danerelay.server.config.RelayConfig;

/** The configured next hops by recipient domain ({@code delivery.routes}), parsed once. */
public final class RouteTable {

  private final Map<String, NextHop> routes;

  private RouteTable(Map<String, NextHop> routes) {
    this.routes = Map.copyOf(routes);
  }

  /**
   * Reads {@code delivery.routes}, if configured.
   *
   * @throws org.danerelay.server.config.ConfigException {@code file:line: reason}
   */
  public static RouteTable from(RelayConfig config) {
    Map<String, NextHop> routes = new HashMap<>();
    config
        .delivery()
        .routes()
        .ifPresent(
            file ->
                DeliveryRoutes.load(file, NextHop::parse)
                    .forEach((domain, hop) -> routes.put(domain, NextHop.parse(hop))));
    return new RouteTable(routes);
  }

  /** The next hop configured for {@code domain} (lower case), if any. */
  public Optional<NextHop> routeFor(String domain) {
    return Optional.ofNullable(routes.get(domain));
  }
}
