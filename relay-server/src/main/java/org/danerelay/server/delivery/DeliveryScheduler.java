package org.danerelay.server.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.danerelay.queue.DueRecipients;
import org.danerelay.queue.MessageQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due recipients from the queue and hands each message's recipients for one domain to a
 * worker, within the global and per-destination concurrency limits; finishes messages whose
 * recipients are all delivered or bounced, bouncing what must be bounced.
 *
 * <p>Claims are made a batch at a time (up to {@code concurrency} groups) and handed out as workers
 * free up: one claim query per batch rather than per message, since under a backlog each query
 * sorts every due recipient. Claims still in hand at shutdown are released.
 */
public final class DeliveryScheduler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DeliveryScheduler.class);

  /** Longer than the longest attempt: a lease that runs out lets another worker retry. */
  private static final Duration LEASE = Duration.ofMinutes(40);

  /** The poll for retries that came due; new mail and freed workers wake the loop sooner. */
  private static final Duration IDLE_WAIT = Duration.ofSeconds(1);

  private final MessageQueue queue;
  private final DestinationDelivery delivery;
  private final BounceSender bounces;
  private final Clock clock;
  private final Semaphore inFlight;
  private final DestinationSlots destinations;
  private final ExecutorService workers;
  private final Thread loop;
  private final Wakeup wakeup = new Wakeup();
  private final int batch;
  private final Deque<DueRecipients> ready = new ArrayDeque<>(); // the loop thread's only
  private volatile boolean running = true;

  DeliveryScheduler(
      MessageQueue queue,
      DestinationDelivery delivery,
      BounceSender bounces,
      int concurrency,
      int perDestination,
      Clock clock) {
    this.queue = queue;
    this.delivery = delivery;
    this.bounces = bounces;
    this.clock = clock;
    this.inFlight = new Semaphore(concurrency);
    this.batch = concurrency;
    this.destinations = new DestinationSlots(perDestination);
    this.workers = Executors.newFixedThreadPool(concurrency, r -> daemon(r, "delivery-worker"));
    this.loop = daemon(this::run, "delivery-scheduler");
  }

  void start() {
    finishLeftovers();
    queue.whenNewMessagesIndexed(wakeup::signal);
    loop.start();
  }

  /** A shared queue's own lease, which it renews while an attempt runs; else {@link #LEASE}. */
  private Duration lease() {
    return queue.sharedLease().orElse(LEASE);
  }

  /** Stops claiming; attempts in flight finish or their leases run out for the next start. */
  @Override
  public void close() {
    running = false;
    loop.interrupt();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
      loop.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    while (running) {
      try {
        boolean moreDue = true;
        if (ready.isEmpty()) {
          List<DueRecipients> claimed = queue.claimDue(clock.instant(), lease(), batch);
          ready.addAll(claimed);
          moreDue = claimed.size() == batch;
        }
        while (!ready.isEmpty() && inFlight.tryAcquire()) {
          dispatch(ready.poll());
        }
        if (!ready.isEmpty() || !moreDue) {
          wakeup.await(IDLE_WAIT); // every worker is busy, or nothing more is due
        }
      } catch (InterruptedException e) {
        break;
      } catch (RuntimeException e) {
        log.error("delivery scheduler: {}", e.toString());
        sleepQuietly();
      }
    }
    releaseUnstarted();
  }

  /** Claims never handed to a worker are claimable again at once, not when their lease ends. */
  private void releaseUnstarted() {
    Thread.interrupted(); // the stop signal has done its job; the database must not see it
    for (DueRecipients unstarted : ready) {
      try {
        queue.release(unstarted);
      } catch (RuntimeException e) {
        log.warn("{}: claim not released, due again in {}", unstarted.messageId(), lease());
      }
    }
    ready.clear();
  }

  /** Runs the group on a worker; the caller holds an {@code inFlight} permit for it. */
  private void dispatch(DueRecipients group) {
    workers.execute(
        () -> {
          // Waited for on the worker, not the scheduler: one busy domain must not hold up others.
          boolean admitted = false;
          try {
            destinations.acquire(group.domain());
            admitted = true;
            // Held, deleted or bounced by the postmaster while it waited here: not attempted, and
            // a removal he asked for may be due now. An attempt finishes the message itself.
            Optional<DueRecipients> confirmed = queue.confirmClaim(group);
            if (confirmed.isPresent()) {
              delivery.deliver(confirmed.get());
            } else {
              queue.finishIfDone(group.messageId(), bounces::bounce);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (RuntimeException e) {
            // The lease runs out and the recipients are claimed again: delayed, never lost.
            log.error(
                "{}: delivery to {} failed: {}", group.messageId(), group.domain(), e.toString());
          } finally {
            queue.endClaim(group); // what was not recorded is claimed again when its lease ends
            if (admitted) {
              destinations.release(group.domain());
            }
            inFlight.release();
            wakeup.signal();
          }
        });
  }

  /** Messages whose last recipient was settled just before a crash still need finishing. */
  private void finishLeftovers() {
    for (String id : queue.idsReadyToFinish()) {
      queue.finishIfDone(id, bounces::bounce);
    }
  }

  private void sleepQuietly() {
    try {
      Thread.sleep(IDLE_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }
}
