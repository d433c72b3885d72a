package org.danerelay.server.outbound;

import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.danerelay.dane.dns.DnsLookup;
import org.danerelay.dane.policy.DeliveryPlanner;
import org.danerelay.dane.policy.TlsLevel;
import org.danerelay.server.config.RelayConfig;
import org.danerelay.server.config.TlsPolicyMap;

/** Builds the DANE planner from {@code tls.policy} and {@code tls.policy.map}, one way for all. */
public final class PlannerSetup {

  private PlannerSetup() {}

  /** The planner delivery uses; {@code danerelay dane lookup} shows the same decisions. */
  public static DeliveryPlanner from(RelayConfig config, DnsLookup dns) {
    Map<String, TlsLevel> overrides = new HashMap<>();
    config
        .tlsPolicy()
        .mapFile()
        .ifPresent(
            file ->
                TlsPolicyMap.load(file)
                    .forEach((domain, level) -> overrides.put(domain, TlsLevel.fromConfig(level))));
    return new DeliveryPlanner(
        dns,
        RandomGenerator.getDefault(),
        TlsLevel.fromConfig(config.tlsPolicy().level()),
        overrides);
  }
}
