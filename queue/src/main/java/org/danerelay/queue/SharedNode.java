package org.danerelay.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process as one node of a queue that several share (ADR 0016): the lock on its node name for
 * as long as it runs, and the renewal of the leases its workers hold.
 */
final class SharedNode implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SharedNode.class);

  private final NodeLock lock;
  private final ScheduledExecutorService renewals;

  private SharedNode(NodeLock lock) {
    this.lock = lock;
    this.renewals =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "queue-lease-keeper");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Joins the shared queue at {@code url} as {@code settings.node()}: refuses mail stranded in an
   * earlier H2 spool, locks the node name, and starts renewing {@code leases}. Call it before any
   * claim is taken back: only a node name that no live process uses is this process's.
   *
   * @throws QueueException if the name is in use, or spool files of an H2 queue are left
   */
  static SharedNode join(SpoolLayout layout, String url, QueueSettings settings, LeaseKeeper leases)
      throws IOException {
    refuseStrandedSpool(layout, url);
    SharedNode node = new SharedNode(NodeLock.acquire(url, settings.node()));
    node.keep(leases, settings.sharedLease());
    return node;
  }

  /**
   * Spool files of an earlier H2 queue in this data folder would never be delivered from a shared
   * database: rather than strand that mail, a node switched to a shared queue does not start.
   */
  private static void refuseStrandedSpool(SpoolLayout layout, String url) throws IOException {
    long left;
    try (Stream<Path> files = Files.list(layout.messages())) {
      left = files.filter(f -> f.getFileName().toString().endsWith(SpoolLayout.MSG_SUFFIX)).count();
    }
    if (left > 0) {
      throw new QueueException(
          left
              + " messages of the earlier H2 queue are still in "
              + layout.messages()
              + "; a shared queue ("
              + MessageQueue.redacted(url)
              + ") would never deliver them: start once with the old queue.url and let the queue"
              + " drain (delivery on, no new mail), then switch",
          null);
    }
  }

  // A quarter of the lease: three renewals can fail (a database failover) before a lease runs out.
  private void keep(LeaseKeeper leases, Duration lease) {
    long period = lease.toMillis() / 4;
    renewals.scheduleWithFixedDelay(
        () -> {
          try {
            lock.keep();
            leases.renew(lease);
          } catch (RuntimeException e) {
            log.warn("could not renew the leases of claims in hand: {}", e.getMessage());
          }
        },
        period,
        period,
        TimeUnit.MILLISECONDS);
  }

  /** Stops renewing and gives up the node name (the session's end releases its lock). */
  @Override
  public void close() {
    renewals.shutdownNow();
    lock.close();
  }
}
