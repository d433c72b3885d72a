package org.danerelay.server.outbound;

import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.danerelay.dane.dns.DnsLookup;
import org.danerelay.dane.policy.DaneFailures;
import org.danerelay.dane.policy.DeliveryPlanner;
import org.danerelay.dane.policy.TlsLevel;
import org.danerelay.dane.sts.StsPolicySource;
import org.danerelay.server.config.RelayConfig;
import org.danerelay.server.config.TlsPolicyMap;

/**
 * Builds the DANE planner from {@code tls.policy}, {@code tls.policy.map} and {@code
 * mta-sts.enabled}, one way for all.
 */
public final class PlannerSetup {

  private PlannerSetup() {}

  /** The planner without MTA-STS. */
  public static DeliveryPlanner from(RelayConfig config, DnsLookup dns) {
    return from(config, dns, StsPolicySource.NONE);
  }

  /**
   * The planner delivery uses; {@code danerelay dane lookup} shows the same decisions.
   *
   * @param sts MTA-STS policies, used only while {@code mta-sts.enabled} is true
   */
  public static DeliveryPlanner from(RelayConfig config, DnsLookup dns, StsPolicySource sts) {
    return from(config, dns, sts, DaneFailures.NONE);
  }

  /**
   * The planner delivery uses, telling {@code failures} of hosts it leaves out for DNSSEC and DANE
   * reasons (TLSRPT).
   */
  public static DeliveryPlanner from(
      RelayConfig config, DnsLookup dns, StsPolicySource sts, DaneFailures failures) {
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
        overrides,
        config.tlsPolicy().mtaSts().enabled() ? sts : StsPolicySource.NONE,
        failures);
  }
}
