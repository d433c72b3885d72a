package org.danerelay.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.danerelay.queue.AttemptStatus;
import org.danerelay.server.outbound.DaneFailure;

/**
 * Counts what the relay decides: messages accepted with a 250, each recipient's delivery outcome,
 * DANE failures, and how long accepted mail took to be delivered.
 *
 * <p>Every label combination is registered at start, at zero, so that a dashboard's {@code rate()}
 * sees the first event of each kind and every documented series exists from the first scrape.
 */
public final class RelayMetrics {

  private final Counter accepted;
  private final Map<AttemptStatus, Map<TlsUse, Counter>> deliveries =
      new EnumMap<>(AttemptStatus.class);
  private final Map<DaneFailure, Counter> daneFailures = new EnumMap<>(DaneFailure.class);
  private final Timer delay;

  public RelayMetrics(MeterRegistry registry) {
    accepted =
        Counter.builder("danerelay.messages.accepted")
            .description("Messages queued and answered 250")
            .register(registry);
    for (AttemptStatus status : AttemptStatus.values()) {
      Map<TlsUse, Counter> byTls = new EnumMap<>(TlsUse.class);
      for (TlsUse tls : TlsUse.values()) {
        byTls.put(
            tls,
            Counter.builder("danerelay.deliveries")
                .description("Recipient outcomes, one per delivery log line")
                .tag("status", statusLabel(status))
                .tag("tls", tls.label())
                .register(registry));
      }
      deliveries.put(status, byTls);
    }
    for (DaneFailure kind : DaneFailure.values()) {
      daneFailures.put(
          kind,
          Counter.builder("danerelay.dane.failures")
              .description("Hosts DANE kept a message from (4.7.5), by why")
              .tag("kind", kind.label())
              .register(registry));
    }
    // Mail waits a fraction of a second to days (queue.lifetime is 5d by default): the buckets
    // span that, not Micrometer's default 1 ms to 30 s, which would put every deferral in +Inf.
    delay =
        Timer.builder("danerelay.delivery.delay")
            .description("Time from the 250 to the next hop's acceptance, per recipient")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(100))
            .maximumExpectedValue(Duration.ofDays(7))
            .register(registry);
  }

  /** Metrics that go nowhere, for code run outside a relay (tests, command-line tools). */
  public static RelayMetrics discarding() {
    return new RelayMetrics(new SimpleMeterRegistry());
  }

  /** A message was durably queued and its client answered 250. */
  public void accepted() {
    accepted.increment();
  }

  /** One recipient's outcome at one host, or without a connection: one delivery log line. */
  public void delivery(AttemptStatus status, TlsUse tls) {
    deliveries.get(status).get(tls).increment();
  }

  /** A recipient was delivered {@code sinceAccepted} after its message's 250. */
  public void delivered(Duration sinceAccepted) {
    delay.record(sinceAccepted.isNegative() ? Duration.ZERO : sinceAccepted);
  }

  /** DANE kept a message from a host, or a destination from being planned. */
  public void daneFailure(DaneFailure kind) {
    daneFailures.get(kind).increment();
  }

  /** The delivery log's word: {@code sent}, {@code deferred}, {@code bounced}. */
  static String statusLabel(AttemptStatus status) {
    return switch (status) {
      case DELIVERED -> "sent";
      case DEFERRED -> "deferred";
      case BOUNCED -> "bounced";
    };
  }
}
