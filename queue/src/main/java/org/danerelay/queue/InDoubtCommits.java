package org.danerelay.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles batches of new messages whose commit is in doubt: PostgreSQL cut the connection while it
 * committed them (a fast shutdown, a failover), so they may be in the queue or not. It asks the
 * database, once it answers again, what became of the transaction ({@code txid_status}), and only
 * then answers the waiting SMTP sessions: 250 if it committed, 451 if it did not.
 *
 * <p>Why: answering 451 while the rows did commit means the message is delivered although its
 * client was told it was not taken, and the client sends it again: delivered twice. Asking for the
 * rows instead of the transaction would not do: once committed, another node may deliver and remove
 * the message before the question is asked. It runs on its own thread, so that the index writer
 * goes on with other messages meanwhile.
 */
final class InDoubtCommits implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(InDoubtCommits.class);

  /**
   * How long to keep asking: inside the 30 s a session waits for its rows ({@code SpoolWriter}),
   * after which it answers 451 on its own, and the message may arrive twice.
   */
  static final Duration ASK_FOR = Duration.ofSeconds(20);

  private static final Duration PAUSE = Duration.ofMillis(500);

  private final DataSource dataSource;
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "queue-commit-doubts");
            t.setDaemon(true);
            return t;
          });
  private volatile boolean closing;

  InDoubtCommits(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Settles the batch, committed or not as a whole, on this object's thread. */
  void settle(List<PendingRows> batch, CommitInDoubtException doubt) {
    log.warn("{}; asking the database what became of it", doubt.getMessage());
    try {
      thread.execute(() -> settleNow(batch, doubt));
    } catch (RejectedExecutionException e) {
      batch.forEach(rows -> unsettled(rows, doubt)); // the queue is closing
    }
  }

  private void settleNow(List<PendingRows> batch, CommitInDoubtException doubt) {
    long deadline = System.nanoTime() + ASK_FOR.toNanos();
    while (!closing) {
      String status = status(doubt.transaction());
      if ("committed".equals(status)) {
        log.warn("{}: committed after all; accepted", ids(batch));
        batch.forEach(PendingRows::indexed);
        return;
      }
      if ("aborted".equals(status)) {
        QueueException notIn =
            new QueueException(ids(batch) + ": not committed, the database says", doubt);
        batch.forEach(rows -> rows.failed(notIn));
        return;
      }
      // null (unreachable) or "in progress" (still committing, or waiting for a standby)
      if (System.nanoTime() + PAUSE.toNanos() > deadline) {
        break;
      }
      try {
        Thread.sleep(PAUSE.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    log.error(
        "{}: the database did not say within {} s whether the commit landed; the clients are told"
            + " 451, yet the messages may be delivered",
        ids(batch),
        ASK_FOR.toSeconds());
    batch.forEach(rows -> unsettled(rows, doubt));
  }

  private static void unsettled(PendingRows rows, CommitInDoubtException doubt) {
    rows.failed(new QueueException(doubt.getMessage() + " and still unknown", doubt));
  }

  /** committed, aborted, in progress; null when the database cannot be asked now. */
  private String status(long transaction) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement("SELECT txid_status(?)")) {
      select.setLong(1, transaction);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    } catch (SQLException | QueueException e) {
      return null;
    }
  }

  private static String ids(List<PendingRows> batch) {
    return String.join(", ", batch.stream().map(r -> r.message().header().id()).toList());
  }

  /** Stops asking: batches still in doubt fail (their sessions answer 451). */
  @Override
  public void close() {
    closing = true;
    thread.shutdown();
    try {
      thread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
