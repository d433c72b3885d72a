package org.danerelay.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes committed messages on a thread of its own, many per database transaction.
 *
 * <p>A message reaches this writer only once its spool file is durable, so the SMTP reply does not
 * wait for the database: the index is derived data, and a message whose rows are lost (a crash
 * before they were written, a database error) is re-imported from its file at the next start. Why:
 * the database writes its store on every commit, one at a time; under concurrent sessions that, not
 * the fsyncs, limited how fast mail was accepted. Readers see their own writes through {@link
 * #awaitIndexed}.
 */
final class IndexWriter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(IndexWriter.class);
  private static final int MAX_BATCH = 500;
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

  private final QueueIndex index;
  private final BlockingQueue<NewMessage> pending = new LinkedBlockingQueue<>();
  private final Object progress = new Object();
  private final Thread thread;
  private long submitted; // guarded by progress
  private long written; // guarded by progress
  private volatile boolean closing;
  private volatile Runnable afterBatch = () -> {};

  IndexWriter(QueueIndex index) {
    this.index = index;
    this.thread = new Thread(this::run, "queue-index-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Hands over a message whose spool file is durable. Never blocks. */
  void submit(NewMessage message) {
    synchronized (progress) {
      submitted++;
    }
    pending.add(message);
  }

  /**
   * Runs {@code listener} on the writer's thread after each batch is indexed; it must not block.
   */
  void afterEachBatch(Runnable listener) {
    this.afterBatch = listener;
  }

  /** Waits, at most {@code timeout}, until everything submitted before this call is indexed. */
  void awaitIndexed(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (progress) {
      long target = submitted;
      while (written < target) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          log.warn("index writer is {} messages behind", target - written);
          return;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(progress, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Writes what is pending, then stops. */
  @Override
  public void close() {
    closing = true;
    try {
      thread.join(CLOSE_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!pending.isEmpty()) {
      log.warn(
          "{} messages left unindexed; they are re-imported at the next start", pending.size());
    }
  }

  private void run() {
    while (!closing || !pending.isEmpty()) {
      List<NewMessage> batch = new ArrayList<>();
      try {
        NewMessage first = pending.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      pending.drainTo(batch, MAX_BATCH - 1);
      write(batch);
      synchronized (progress) {
        written += batch.size();
        progress.notifyAll();
      }
      afterBatch.run();
    }
  }

  /** One transaction for the batch; if it fails, each message alone, so one failure stays one. */
  private void write(List<NewMessage> batch) {
    try {
      index.insertAll(batch);
      return;
    } catch (RuntimeException batchFailure) {
      if (batch.size() == 1) {
        logFailure(batch.get(0), batchFailure);
        return;
      }
    }
    for (NewMessage message : batch) {
      try {
        index.insertAll(List.of(message));
      } catch (RuntimeException e) {
        logFailure(message, e);
      }
    }
  }

  private static void logFailure(NewMessage message, RuntimeException e) {
    log.error(
        "{}: could not index (it is safe in the spool and is re-imported at the next start): {}",
        message.header().id(),
        e.toString());
  }
}
