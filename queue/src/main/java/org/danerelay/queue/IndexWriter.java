package org.danerelay.queue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes committed messages on a thread of its own, many per database transaction.
 *
 * <p>A message reaches this writer once its spool file's bytes are durable and the file has its
 * name; one sync per batch makes those names durable before the batch's rows commit. Its session
 * waits for the rows before it answers 250 (ADR 0007), so that a database that cannot commit (its
 * disk full, closed under us) costs the client a 451 and not a message that is stored but never
 * delivered. Sessions still share transactions: the database writes its store on every commit, one
 * at a time, and under concurrent sessions that, not the fsyncs, limited how fast mail was accepted
 * (ADR 0001). Rows lost in a crash after the 250 are re-imported from the file at the next start.
 * Readers see their own writes through {@link #awaitIndexed}.
 *
 * <p>Two failures are told apart from a bad message: a database out of reach, where the whole batch
 * fails at once (one at a time, each would wait for a connection again, and the last sessions would
 * give up unanswered while their rows could still land later), and a commit cut short, whose
 * outcome {@link InDoubtCommits} finds out before the sessions hear it.
 */
final class IndexWriter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(IndexWriter.class);
  private static final int MAX_BATCH = 500;
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

  private final QueueIndex index;
  private final BodyStore bodies;
  private final InDoubtCommits doubts;
  private final BlockingQueue<PendingRows> pending = new LinkedBlockingQueue<>();
  private final Object progress = new Object();
  private final Thread thread;
  private long submitted; // guarded by progress
  private long written; // guarded by progress
  private volatile boolean closing;
  private volatile Runnable afterBatch = () -> {};

  /**
   * @param bodies where the batches' bodies were staged: it makes their names durable
   * @param doubts where batches whose commit is in doubt go (only on PostgreSQL)
   */
  IndexWriter(QueueIndex index, BodyStore bodies, InDoubtCommits doubts) {
    this.index = index;
    this.bodies = bodies;
    this.doubts = doubts;
    this.thread = new Thread(this::run, "queue-index-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Hands over a message whose spool file is durable. Never blocks; wait on the result. */
  PendingRows submit(NewMessage message) {
    PendingRows rows = new PendingRows(message);
    if (closing) {
      rows.failed(new QueueException("the queue is closed", null));
      return rows;
    }
    synchronized (progress) {
      submitted++;
    }
    pending.add(rows);
    return rows;
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
    doubts.close();
    // Their sessions answer 451 and delete the files, as for any index failure.
    List<PendingRows> left = new ArrayList<>();
    pending.drainTo(left);
    for (PendingRows rows : left) {
      rows.failed(new QueueException("the queue is closed", null));
    }
  }

  private void run() {
    while (!closing || !pending.isEmpty()) {
      List<PendingRows> batch = new ArrayList<>();
      try {
        PendingRows first = pending.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      pending.drainTo(batch, MAX_BATCH - 1);
      Optional<RuntimeException> unreachable =
          write(batch.stream().filter(PendingRows::take).toList());
      if (unreachable.isPresent()) {
        // Whoever queued up meanwhile would wait for the same database again, one batch after
        // another: they hear now, so that no client waits much longer than one attempt.
        int before = batch.size();
        pending.drainTo(batch);
        batch.subList(before, batch.size()).stream()
            .filter(PendingRows::take)
            .forEach(rows -> fail(rows, unreachable.get()));
      }
      synchronized (progress) {
        written += batch.size();
        progress.notifyAll();
      }
      afterBatch.run();
    }
  }

  /**
   * One transaction for the batch; if it fails, each message alone, so one failure stays one
   * (unless the database is out of reach, which each message alone would only wait for again).
   *
   * @return the failure, when the database could not be reached
   */
  private Optional<RuntimeException> write(List<PendingRows> batch) {
    if (batch.isEmpty()) {
      return Optional.empty();
    }
    try {
      bodies.makeNamesDurable(); // before any row can point at a name a power loss could take
    } catch (IOException e) {
      QueueException failure =
          new QueueException("could not make the spool files' names durable: " + e, e);
      batch.forEach(rows -> fail(rows, failure)); // each session deletes its file, answers 451
      return Optional.empty();
    }
    try {
      index.insertAll(batch.stream().map(PendingRows::message).toList());
      batch.forEach(PendingRows::indexed);
      return Optional.empty();
    } catch (CommitInDoubtException doubt) {
      doubts.settle(batch, doubt);
      return Optional.empty();
    } catch (RuntimeException batchFailure) {
      boolean unreachable = UnreachableDatabase.causedBy(batchFailure);
      if (batch.size() == 1 || unreachable) {
        batch.forEach(rows -> fail(rows, batchFailure)); // every session answers 451 at once
        return unreachable ? Optional.of(batchFailure) : Optional.empty();
      }
    }
    for (int i = 0; i < batch.size(); i++) {
      try {
        index.insertAll(List.of(batch.get(i).message()));
        batch.get(i).indexed();
      } catch (CommitInDoubtException doubt) {
        doubts.settle(List.of(batch.get(i)), doubt);
      } catch (RuntimeException e) {
        if (UnreachableDatabase.causedBy(e)) {
          batch.subList(i, batch.size()).forEach(rows -> fail(rows, e));
          return Optional.of(e);
        }
        fail(batch.get(i), e);
      }
    }
    return Optional.empty();
  }

  // The waiting session logs the failure with its reply; only one that gave up leaves it to us.
  private static void fail(PendingRows rows, RuntimeException e) {
    if (rows.failed(e)) {
      log.error(
          "{}: could not index after its client was told 451 (its file stays until the next"
              + " start, which re-imports an H2 queue's spool file: it may arrive twice): {}",
          rows.message().header().id(),
          e.toString());
    }
  }
}
