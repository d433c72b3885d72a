package org.danerelay.server.cli;

import java.io.IOException;
import java.time.Clock;
import org.danerelay.dane.authority.AuthoritySurvey;
import org.danerelay.server.config.RelayConfig;
import org.danerelay.server.outbound.OutboundDns;
import org.danerelay.server.rollover.RolloverFiles;
import org.danerelay.server.rollover.RolloverStatus;

/** Builds the rollover's status check on the relay's own resolver settings ({@code dns.*}). */
final class RolloverSurveys {

  /** Authoritative servers answer on the DNS port; tests bind theirs on 127.0.x.y:53 too. */
  private static final int DNS_PORT = 53;

  private RolloverSurveys() {}

  /**
   * The check for {@code files}: the zone's name servers found through {@code dns.resolvers}, each
   * then asked directly, with {@code dns.timeout} per query.
   */
  static RolloverStatus status(RelayConfig config, RolloverFiles files) throws IOException {
    Clock clock = Clock.systemUTC();
    AuthoritySurvey survey =
        new AuthoritySurvey(
            OutboundDns.create(config.dns(), clock).lookup(), DNS_PORT, config.dns().timeout());
    return new RolloverStatus(files, survey, clock);
  }
}
