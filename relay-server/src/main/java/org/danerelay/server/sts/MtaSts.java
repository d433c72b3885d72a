package org.danerelay.server.sts;

import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.danerelay.dane.dns.DnsLookup;
import org.danerelay.dane.sts.StsPolicySource;
import org.danerelay.dane.verify.WebPkiVerifier;
import org.danerelay.server.config.MtaStsConfig;

/**
 * MTA-STS as the {@code mta-sts.*} keys set it up, one way for delivery and for {@code dane
 * lookup}: the trusted roots, the policy source the planner asks, the verifier the SMTP client
 * uses.
 */
public final class MtaSts {

  /** Per address of the policy host: a host that takes longer to accept is down. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Connections, handshake and response together. RFC 8461 3.3: senders MAY impose a timeout, "a
   * suggested timeout is one minute". Half of that here, for a delivery waits on the fetch (see
   * {@link StsPolicies}) and a failed one only leaves the cached policy, or none, in force for five
   * minutes; a policy host that needs more than 30 s for 64 KiB is broken in practice.
   */
  static final Duration FETCH_TIMEOUT = Duration.ofSeconds(30);

  private final MtaStsConfig config;
  private final WebPkiTrust trust;

  private MtaSts(MtaStsConfig config, WebPkiTrust trust) {
    this.config = config;
    this.trust = trust;
  }

  /**
   * Loads the trust store.
   *
   * @throws IOException naming {@code mta-sts.trust-store} when it cannot be read
   */
  public static MtaSts load(MtaStsConfig config) throws IOException {
    return new MtaSts(config, WebPkiTrust.load(config.trustStore()));
  }

  /** The verifier of MX certificates under a policy in mode enforce. */
  public WebPkiVerifier verifier() {
    return trust.verifier();
  }

  /**
   * The policies for the planner: discovered, fetched on {@code group} and remembered in {@code
   * memory}; {@link StsPolicySource#NONE} when {@code mta-sts.enabled} is false.
   */
  public StsPolicySource policies(
      boolean enabled,
      DnsLookup dns,
      EventLoopGroup group,
      PolicyMemory memory,
      Clock clock,
      PolicyFailures failures)
      throws IOException {
    if (!enabled) {
      return StsPolicySource.NONE;
    }
    return new StsPolicies(
        dns, new PolicyFetcher(https(dns, group), config.port()), memory, clock, failures);
  }

  /**
   * An HTTPS client over the same roots: for policy hosts, and for TLSRPT's {@code https:} report
   * addresses.
   */
  public HttpsClient https(DnsLookup dns, EventLoopGroup group) throws IOException {
    return new HttpsClient(group, dns, trust.trustManager(), CONNECT_TIMEOUT, FETCH_TIMEOUT);
  }
}
