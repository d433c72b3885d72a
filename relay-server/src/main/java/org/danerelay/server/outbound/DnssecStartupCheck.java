package org.danerelay.server.outbound;

import java.io.IOException;
import java.time.Clock;
import org.danerelay.dane.dns.DnssecSelfCheck;
import org.danerelay.server.config.DnsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks at start-up, on a thread of its own, that the configured DNS really yields SECURE answers
 * for signed data, and says so loudly when it does not (RFC 7672 2.1; DANE-RULES 1).
 *
 * <p>Without this, a resolver that does not validate would make every signed domain look insecure,
 * and DANE would silently never apply. The check does not hold up start-up: accepting mail does not
 * depend on it.
 */
public final class DnssecStartupCheck {

  private static final Logger log = LoggerFactory.getLogger(DnssecStartupCheck.class);

  private DnssecStartupCheck() {}

  /** Starts the check; its result is logged. */
  public static void start(DnsConfig config, Clock clock) {
    Thread thread = new Thread(() -> run(config, clock), "dnssec-self-check");
    thread.setDaemon(true);
    thread.start();
  }

  private static void run(DnsConfig config, Clock clock) {
    try {
      OutboundDns dns = OutboundDns.create(config, clock);
      DnssecSelfCheck.Result result = dns.selfCheck();
      if (result.ok()) {
        log.info("DNSSEC self-check passed ({}): {}", dns.describe(), result.message());
      } else {
        log.error(
            "DNSSEC SELF-CHECK FAILED ({}): {} Until this is fixed DANE cannot authenticate any"
                + " peer, and mail for DANE-protected domains waits in the queue.",
            dns.describe(),
            result.message());
      }
    } catch (IOException | RuntimeException e) {
      log.error("DNSSEC SELF-CHECK FAILED: cannot set up DNS: {}", e.getMessage());
    }
  }
}
