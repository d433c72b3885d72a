package org.danerelay.server.delivery;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.danerelay.dane.dns.DnsLookup;
import org.danerelay.dane.policy.DaneFailures;
import org.danerelay.dane.policy.DeliveryPlanner;
import org.danerelay.dane.sts.StsPolicySource;
import org.danerelay.queue.MessageQueue;
import org.danerelay.server.bounce.DsnBuilder;
import org.danerelay.server.config.RelayConfig;
import org.danerelay.server.metrics.RelayMetrics;
import org.danerelay.server.outbound.DaneFailureCounting;
import org.danerelay.server.outbound.OutboundDns;
import org.danerelay.server.outbound.PlannerSetup;
import org.danerelay.server.outbound.RouteTable;
import org.danerelay.server.outbound.smtp.ConnectionReuse;
import org.danerelay.server.outbound.smtp.SmtpDelivery;
import org.danerelay.server.sts.MtaSts;
import org.danerelay.server.sts.PolicyFailures;
import org.danerelay.server.sts.PolicyMemory;
import org.danerelay.server.tlsrpt.SessionRecorder;
import org.danerelay.server.tlsrpt.TlsRpt;

/** Wires the delivery side together: DNS and DANE policy, the SMTP client, bounces, scheduler. */
public final class DeliveryEngine implements AutoCloseable {

  private final EventLoopGroup events;
  private final SmtpDelivery smtp;
  private final DeliveryScheduler scheduler;
  private final DnsLookup dns;
  private final StsPolicySource sts;
  private final AtomicReference<Router> router;
  private final Optional<TlsRpt> tlsRpt;

  private DeliveryEngine(
      EventLoopGroup events,
      SmtpDelivery smtp,
      DeliveryScheduler scheduler,
      DnsLookup dns,
      StsPolicySource sts,
      AtomicReference<Router> router,
      Optional<TlsRpt> tlsRpt) {
    this.events = events;
    this.smtp = smtp;
    this.scheduler = scheduler;
    this.dns = dns;
    this.sts = sts;
    this.router = router;
    this.tlsRpt = tlsRpt;
  }

  /**
   * Builds the engine from the configuration and starts delivering what is due.
   *
   * @param metrics told of every recipient's outcome and every DANE failure
   */
  public static DeliveryEngine start(
      RelayConfig config, MessageQueue queue, Clock clock, RelayMetrics metrics)
      throws IOException {
    OutboundDns dns = OutboundDns.create(config.dns(), clock);
    // Failures are counted on the lookup every router uses, whatever a reload changes.
    DnsLookup counted = new DaneFailureCounting(dns.lookup(), metrics::daneFailure);
    MtaSts mtaSts = MtaSts.load(config.tlsPolicy().mtaSts());
    EventLoopGroup events = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    Optional<TlsRpt> tlsRpt =
        config.tlsPolicy().tlsRpt().enabled()
            ? Optional.of(
                TlsRpt.start(
                    config.tlsPolicy().tlsRpt(),
                    queue,
                    counted,
                    mtaSts.https(counted, events),
                    config.nodeName(),
                    clock))
            : Optional.empty();
    // Built even while mta-sts.enabled is false, so that a reload can turn it on.
    StsPolicySource sts =
        mtaSts.policies(
            true,
            counted,
            events,
            PolicyMemory.of(queue.stsPolicies()),
            clock,
            tlsRpt.map(TlsRpt::policyFailures).orElse(PolicyFailures.NONE));
    AtomicReference<Router> router =
        new AtomicReference<>(routerFor(config, counted, sts, daneFailures(tlsRpt)));
    // As many idle connections as workers: each worker's next message may find one.
    ConnectionReuse reuse =
        ConnectionReuse.idleFor(
            config.delivery().connectionCacheTime(), config.delivery().concurrency());
    SmtpDelivery smtp =
        new SmtpDelivery(events, config.delivery().timeouts(), clock, reuse, mtaSts.verifier());
    BounceSender bounces =
        new BounceSender(
            queue, new DsnBuilder(clock, new SecureRandom()), config.hostname(), clock);
    DelayNotice delays =
        new DelayNotice(
            queue, bounces, config.delivery().delayWarning(), config.delivery().lifetime(), clock);
    DestinationDelivery delivery =
        new DestinationDelivery(
            queue,
            router::get,
            smtp,
            config.hostname(),
            clock,
            delays,
            bounces,
            metrics,
            tlsRpt.map(TlsRpt::recorder).orElse(SessionRecorder.NONE));
    DeliveryScheduler scheduler =
        new DeliveryScheduler(
            queue,
            delivery,
            bounces,
            config.delivery().concurrency(),
            config.delivery().perDestination(),
            clock);
    scheduler.start();
    return new DeliveryEngine(events, smtp, scheduler, counted, sts, router, tlsRpt);
  }

  /**
   * The routing {@code config} asks for ({@code tls.policy}, {@code tls.policy.map}, {@code
   * mta-sts.enabled}, {@code delivery.routes}, {@code delivery.port}, {@code local.domains}, {@code
   * local.forward}), built with this engine's resolver and MTA-STS policies but not yet used.
   *
   * @throws org.danerelay.server.config.ConfigException {@code file:line: reason} for a bad map
   */
  public Router routerFor(RelayConfig config) {
    return routerFor(config, dns, sts, daneFailures(tlsRpt));
  }

  /** TLSRPT, when {@code tlsrpt.enabled}: for {@code danerelay tlsrpt send}. */
  public Optional<TlsRpt> tlsRpt() {
    return tlsRpt;
  }

  /** Plans every attempt that starts from now on with {@code next}; running ones keep theirs. */
  public void route(Router next) {
    router.set(Objects.requireNonNull(next, "next"));
  }

  private static Router routerFor(
      RelayConfig config, DnsLookup dns, StsPolicySource sts, DaneFailures failures) {
    DeliveryPlanner planner = PlannerSetup.from(config, dns, sts, failures);
    return new Router(
        planner,
        RouteTable.from(config),
        config.localDomains(),
        config.localForward(),
        config.tlsPolicy().deliveryPort());
  }

  private static DaneFailures daneFailures(Optional<TlsRpt> tlsRpt) {
    return tlsRpt.map(TlsRpt::daneFailures).orElse(DaneFailures.NONE);
  }

  @Override
  public void close() {
    scheduler.close();
    tlsRpt.ifPresent(TlsRpt::close); // after the last delivery: its session is counted
    smtp.close();
    // Awaited, bounded, so that no connection outlives the relay half-open.
    events.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(6, TimeUnit.SECONDS);
  }
}
