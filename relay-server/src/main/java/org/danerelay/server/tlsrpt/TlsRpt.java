package org.danerelay.server.tlsrpt;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.danerelay.dane.dns.DnsLookup;
import org.danerelay.dane.policy.DaneFailures;
import org.danerelay.queue.MessageQueue;
import org.danerelay.queue.QueueException;
import org.danerelay.server.config.TlsRptConfig;
import org.danerelay.server.sts.HttpsClient;
import org.danerelay.server.sts.PolicyFailures;
import org.danerelay.server.tls.PemFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLSRPT in the running relay (RFC 8460): the session tally, saved every minute, and yesterday's
 * reports sent once a day, at a random minute of the first hour after midnight UTC so that
 * receivers do not get every sender's reports at once (RFC 8460 5.1). Reports are kept a week.
 */
public final class TlsRpt implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger("tlsrpt");
  private static final Duration FLUSH_EVERY = Duration.ofMinutes(1);
  private static final int KEEP_DAYS = 7;

  private final SessionTally tally;
  private final DailyReports reports;
  private final MessageQueue queue;
  private final Clock clock;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "tlsrpt");
            thread.setDaemon(true);
            return thread;
          });

  private TlsRpt(SessionTally tally, DailyReports reports, MessageQueue queue, Clock clock) {
    this.tally = tally;
    this.reports = reports;
    this.queue = queue;
    this.clock = clock;
  }

  /**
   * Starts counting and the daily schedule.
   *
   * @throws IOException naming {@code tlsrpt.dkim.key} when it cannot be read or is no RSA or
   *     Ed25519 key
   */
  public static TlsRpt start(
      TlsRptConfig config,
      MessageQueue queue,
      DnsLookup dns,
      HttpsClient https,
      String node,
      Clock clock)
      throws IOException {
    TlsRpt tlsRpt =
        new TlsRpt(
            new SessionTally(queue.tlsRpt(), clock),
            new DailyReports(config, queue, dns, https, signer(config), node, clock),
            queue,
            clock);
    tlsRpt.schedule();
    return tlsRpt;
  }

  private static Optional<DkimSigner> signer(TlsRptConfig config) throws IOException {
    if (config.dkimKey().isEmpty()) {
      return Optional.empty();
    }
    Path file = config.dkimKey().get();
    PrivateKey key = PemFiles.readPrivateKey(file);
    String domain = config.contact().substring(config.contact().lastIndexOf('@') + 1);
    try {
      return Optional.of(new DkimSigner(domain, config.dkimSelector().orElseThrow(), key));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /** What MTA-STS tells of a policy that could not be had (RFC 8460 4.3.3). */
  public PolicyFailures policyFailures() {
    return tally::recordPolicyFailure;
  }

  /** What planning tells of hosts left out for DNSSEC and DANE reasons (RFC 8460 4.3.2). */
  public DaneFailures daneFailures() {
    return tally::recordDaneFailure;
  }

  /** What delivery tells of each attempt. */
  public SessionRecorder recorder() {
    return tally;
  }

  /** Saves the counts so far and sends the reports of {@code day} now. */
  public List<String> send(LocalDate day) {
    tally.flush();
    return reports.send(day);
  }

  private void schedule() {
    long flush = FLUSH_EVERY.toMillis();
    timer.scheduleWithFixedDelay(this::flushQuietly, flush, flush, TimeUnit.MILLISECONDS);
    Instant now = clock.instant();
    Instant midnight =
        LocalDate.ofInstant(now, ZoneOffset.UTC)
            .plusDays(1)
            .atStartOfDay()
            .toInstant(ZoneOffset.UTC);
    long first =
        Duration.between(now, midnight).toMillis()
            + Duration.ofMinutes(5 + ThreadLocalRandom.current().nextInt(50)).toMillis();
    timer.scheduleAtFixedRate(
        this::daily, first, Duration.ofDays(1).toMillis(), TimeUnit.MILLISECONDS);
  }

  private void daily() {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    try {
      send(today.minusDays(1)).forEach(line -> log.info("TLSRPT {}: {}", today.minusDays(1), line));
      queue.tlsRpt().forgetBefore(today.minusDays(KEEP_DAYS));
    } catch (QueueException | IllegalStateException e) {
      log.error("TLSRPT reports of {} not sent: {}", today.minusDays(1), e.getMessage());
    }
  }

  private void flushQuietly() {
    try {
      tally.flush();
    } catch (RuntimeException e) {
      log.warn("TLSRPT counts not saved: {}", e.toString());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    flushQuietly();
  }
}
