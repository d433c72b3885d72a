package org.danerelay.server.tlsrpt;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.danerelay.dane.policy.Attempt;
import org.danerelay.queue.QueueException;
import org.danerelay.queue.TlsRptCount;
import org.danerelay.queue.TlsRptStore;
import org.danerelay.server.outbound.smtp.AttemptResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts delivery sessions for TLSRPT in memory and adds them to the queue database's tally at each
 * {@link #flush}, so that a delivery costs no database write of its own. A crash loses the counts
 * of the last minute at most: statistics, not mail.
 */
public final class SessionTally implements SessionRecorder {

  private static final Logger log = LoggerFactory.getLogger(SessionTally.class);

  private final TlsRptStore store;
  private final Clock clock;
  private final Map<TlsRptCount, LongAdder> counts = new ConcurrentHashMap<>();

  public SessionTally(TlsRptStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Counts one attempt's session, if it was one, under the recipient domain's policy. */
  @Override
  public void record(String domain, Attempt attempt, AttemptResult result) {
    SessionClassifier.classify(domain, attempt, result, today()).ifPresent(this::count);
  }

  /**
   * Counts a delivery planned without the MTA-STS policy {@code domain} publishes: an {@code sts}
   * failure with no policy text and no host (RFC 8460 4.3.3).
   */
  public void recordPolicyFailure(String domain, String resultType) {
    count(new TlsRptCount(today(), domain, "sts", "", "", "", "", "", resultType, 1));
  }

  /**
   * Counts a delivery planned for {@code domain} without {@code host} (or without any host, when
   * {@code host} is empty) because DNSSEC or DANE failed before a connection: a {@code tlsa}
   * failure with no policy text (RFC 8460 4.3.2), the TLSA records having not been had or used.
   */
  public void recordDaneFailure(String domain, String host, String resultType) {
    count(new TlsRptCount(today(), domain, "tlsa", "", "", host, "", "", resultType, 1));
  }

  private void count(TlsRptCount session) {
    counts.computeIfAbsent(session, c -> new LongAdder()).increment();
  }

  /** Adds what was counted since the last flush to the database's tally. */
  public void flush() {
    List<TlsRptCount> batch = new ArrayList<>();
    LocalDate today = today();
    for (Map.Entry<TlsRptCount, LongAdder> entry : counts.entrySet()) {
      long n = entry.getValue().sumThenReset();
      if (n > 0) {
        batch.add(entry.getKey().withSessions(n));
      }
      if (entry.getKey().day().isBefore(today)) {
        counts.remove(entry.getKey(), entry.getValue()); // a past day's key gets no more counts
      }
    }
    try {
      store.add(batch);
    } catch (QueueException e) {
      log.warn("TLSRPT counts of {} keys not saved: {}", batch.size(), e.getMessage());
    }
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
