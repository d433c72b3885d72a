package org.danerelay.server.admin;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.danerelay.queue.MessageQueue;
import org.danerelay.server.config.RelayConfig;
import org.danerelay.server.metrics.QueueGauges;
import org.danerelay.server.metrics.QueueProbe;
import org.danerelay.server.metrics.RelayMetrics;
import org.danerelay.server.metrics.RuntimeMetrics;

/**
 * The relay's monitoring: one meter registry with the relay's, the queue's and the JVM's metrics,
 * made before mail flows, and the {@code admin.listen} listener that serves it once mail does.
 */
public final class Monitoring implements AutoCloseable {

  /** How long a scrape or health check waits for the queue database. */
  static final Duration QUEUE_LIMIT = Duration.ofSeconds(2);

  private final RelayConfig config;
  private final PrometheusMeterRegistry registry;
  private final RelayMetrics metrics;
  private final QueueProbe probe;
  private final RuntimeMetrics runtime;
  private Optional<AdminServer> admin = Optional.empty();

  private Monitoring(
      RelayConfig config,
      PrometheusMeterRegistry registry,
      QueueProbe probe,
      RuntimeMetrics runtime) {
    this.config = config;
    this.registry = registry;
    this.metrics = new RelayMetrics(registry);
    this.probe = probe;
    this.runtime = runtime;
  }

  /** Registers every metric; nothing listens yet. */
  public static Monitoring prepare(RelayConfig config, MessageQueue queue, Clock clock) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    QueueProbe probe = new QueueProbe(queue, QUEUE_LIMIT);
    QueueGauges.register(registry, probe, clock);
    return new Monitoring(config, registry, probe, RuntimeMetrics.bind(registry, config.dataDir()));
  }

  /** Where the relay's components count what they decide. */
  public RelayMetrics metrics() {
    return metrics;
  }

  /**
   * Starts the admin listener, unless {@code admin.listen} is empty.
   *
   * @param listening whether every SMTP listener is still bound, for {@code /health}
   * @throws IllegalStateException naming the address when it cannot be bound
   */
  public void serve(BooleanSupplier listening) {
    HealthCheck health = new HealthCheck(listening, probe);
    admin =
        config.adminListen().map(address -> AdminServer.start(address, registry::scrape, health));
  }

  /** The admin listener's port, when there is one. */
  public Optional<Integer> adminPort() {
    return admin.map(AdminServer::port);
  }

  /** Stops the listener first, so that nothing reads the meters while they go. */
  @Override
  public void close() {
    admin.ifPresent(AdminServer::close);
    probe.close();
    runtime.close();
    registry.close();
  }
}
