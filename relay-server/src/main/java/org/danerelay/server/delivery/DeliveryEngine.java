package org.danerelay.server.delivery;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.danerelay.dane.policy.DeliveryPlanner;
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

/** Wires the delivery side together: DNS and DANE policy, the SMTP client, bounces, scheduler. */
public final class DeliveryEngine implements AutoCloseable {

  private final EventLoopGroup events;
  private final SmtpDelivery smtp;
  private final DeliveryScheduler scheduler;

  private DeliveryEngine(EventLoopGroup events, SmtpDelivery smtp, DeliveryScheduler scheduler) {
    this.events = events;
    this.smtp = smtp;
    this.scheduler = scheduler;
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
    DeliveryPlanner planner =
        PlannerSetup.from(config, new DaneFailureCounting(dns.lookup(), metrics::daneFailure));
    Router router =
        new Router(
            planner,
            RouteTable.from(config),
            config.localDomains(),
            config.localForward(),
            config.tlsPolicy().deliveryPort());
    EventLoopGroup events = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    // As many idle connections as workers: each worker's next message may find one.
    ConnectionReuse reuse =
        ConnectionReuse.idleFor(
            config.delivery().connectionCacheTime(), config.delivery().concurrency());
    SmtpDelivery smtp = new SmtpDelivery(events, config.delivery().timeouts(), clock, reuse);
    BounceSender bounces =
        new BounceSender(
            queue, new DsnBuilder(clock, new SecureRandom()), config.hostname(), clock);
    DelayNotice delays =
        new DelayNotice(
            queue, bounces, config.delivery().delayWarning(), config.delivery().lifetime(), clock);
    DestinationDelivery delivery =
        new DestinationDelivery(queue, router, smtp, config.hostname(), clock, delays, metrics);
    DeliveryScheduler scheduler =
        new DeliveryScheduler(
            queue,
            delivery,
            bounces,
            config.delivery().concurrency(),
            config.delivery().perDestination(),
            clock);
    scheduler.start();
    return new DeliveryEngine(events, smtp, scheduler);
  }

  @Override
  public void close() {
    scheduler.close();
    smtp.close();
    // Awaited, bounded, so that no connection outlives the relay half-open.
    events.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(6, TimeUnit.SECONDS);
  }
}
