package org.danerelay.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.danerelay.queue.QueueCensus;
import org.danerelay.queue.RecipientState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue's gauges, {@code danerelay_queue_recipients{state}} and {@code
 * danerelay_queue_oldest_seconds}, all read from one census that is taken at most once a second: a
 * scrape reads every gauge, and must cost the database one query, not one per gauge.
 */
public final class QueueGauges {

  private static final Logger log = LoggerFactory.getLogger(QueueGauges.class);

  /** How long one census serves the gauges. */
  static final Duration FRESH = Duration.ofSeconds(1);

  private final QueueProbe probe;
  private final Clock clock;
  private Instant takenAt;
  private Optional<QueueCensus> last = Optional.empty();

  private QueueGauges(QueueProbe probe, Clock clock) {
    this.probe = probe;
    this.clock = clock;
  }

  /** Registers a gauge per {@link RecipientState}, whatever states there are, and the age. */
  public static void register(MeterRegistry registry, QueueProbe probe, Clock clock) {
    QueueGauges gauges = new QueueGauges(probe, clock);
    for (RecipientState state : RecipientState.values()) {
      Gauge.builder("danerelay.queue.recipients", gauges, g -> g.count(state))
          .description("Recipients in the queue, by state")
          .tag("state", state.name().toLowerCase(Locale.ROOT))
          .strongReference(true)
          .register(registry);
    }
    Gauge.builder("danerelay.queue.oldest", gauges, QueueGauges::oldestAgeSeconds)
        .description("Age of the oldest message with a recipient still to deliver; 0 when none")
        .baseUnit("seconds")
        .strongReference(true)
        .register(registry);
  }

  private double count(RecipientState state) {
    return census().map(c -> (double) c.count(state)).orElse(Double.NaN);
  }

  private double oldestAgeSeconds() {
    return census()
        .map(
            c ->
                c.oldestPending()
                    .map(since -> Duration.between(since, clock.instant()).toMillis() / 1000.0)
                    .map(age -> Math.max(0, age))
                    .orElse(0.0))
        .orElse(Double.NaN);
  }

  /** The census of the last second; empty (NaN gauges) while the queue cannot be counted. */
  private synchronized Optional<QueueCensus> census() {
    Instant now = clock.instant();
    if (takenAt == null || !now.isBefore(takenAt.plus(FRESH)) || now.isBefore(takenAt)) {
      takenAt = now;
      try {
        last = Optional.of(probe.ask(queue -> queue.census(probe.limit())));
      } catch (ProbeFailure e) {
        // GET /health says why; a failing scrape every few seconds would only repeat it.
        log.debug("queue gauges unavailable: {}", e.getMessage());
        last = Optional.empty();
      }
    }
    return last;
  }
}
