package org.danerelay.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the delivery engine schedules: hold switch, retry steps, queue lifetime, concurrency, delay
 * warnings, connection reuse and the SMTP client's timeouts.
 *
 * @param routes {@code delivery.routes}, absolute: {@code domain [host]:port} lines
 * @param hold {@code delivery.hold}: accept and queue, deliver nothing
 * @param retrySchedule {@code retry.schedule}, e.g. {@code 1m,5m,15m,30m,1h,2h,4h}
 * @param lifetime {@code queue.lifetime}: give up and bounce after this long
 * @param concurrency {@code delivery.concurrency}: deliveries in flight in all
 * @param perDestination {@code delivery.concurrency-per-destination}: per recipient domain
 * @param delayWarning {@code delivery.delay-warning}: warn the sender once after this long; zero
 *     never warns
 * @param connectionCacheTime {@code delivery.connection-cache-time}: how long an idle connection
 *     waits for the next message; zero turns reuse off
 * @param timeouts {@code delivery.*-timeout}: the SMTP client's limits per phase
 */
public record DeliveryConfig(
    Optional<Path> routes,
    boolean hold,
    String retrySchedule,
    Duration lifetime,
    int concurrency,
    int perDestination,
    Duration delayWarning,
    Duration connectionCacheTime,
    SmtpTimeouts timeouts) {

  public DeliveryConfig {
    Objects.requireNonNull(routes, "routes");
    Objects.requireNonNull(retrySchedule, "retrySchedule");
    Objects.requireNonNull(lifetime, "lifetime");
    Objects.requireNonNull(delayWarning, "delayWarning");
    Objects.requireNonNull(connectionCacheTime, "connectionCacheTime");
    Objects.requireNonNull(timeouts, "timeouts");
    if (concurrency < 1 || perDestination < 1) {
      throw new IllegalArgumentException("concurrency must be positive");
    }
  }
}
