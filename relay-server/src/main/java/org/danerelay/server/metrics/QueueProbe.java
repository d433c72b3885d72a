package org.danerelay.server.metrics;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.danerelay.queue.MessageQueue;

/**
 * Asks the queue database monitoring questions on a thread of its own, each within a time limit, so
 * that a wedged database answers a scrape or a health check with a failure instead of holding the
 * admin listener's threads.
 */
public final class QueueProbe implements AutoCloseable {

  /** Questions waiting behind a stuck one, at most; more are refused at once. */
  private static final int WAITING = 4;

  private final MessageQueue queue;
  private final Duration limit;
  private final ThreadPoolExecutor thread;

  /**
   * @param limit how long one question may take, in all
   */
  public QueueProbe(MessageQueue queue, Duration limit) {
    this.queue = queue;
    this.limit = limit;
    this.thread =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(WAITING),
            task -> {
              Thread probe = new Thread(task, "queue-probe");
              probe.setDaemon(true);
              return probe;
            });
  }

  /**
   * The answer of {@code question}, given the queue and the time it has.
   *
   * @throws ProbeFailure with a one-line reason when it failed, timed out or could not be asked
   */
  public <T> T ask(Function<MessageQueue, T> question) {
    Future<T> answer;
    try {
      answer = thread.submit(() -> question.apply(queue));
    } catch (RejectedExecutionException e) {
      throw new ProbeFailure("earlier questions to the queue database have not returned");
    }
    try {
      return answer.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw new ProbeFailure("the queue database did not answer within " + limit.toMillis() + "ms");
    } catch (ExecutionException e) {
      throw new ProbeFailure(reason(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProbeFailure("interrupted");
    }
  }

  /** How long one question may take. */
  public Duration limit() {
    return limit;
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }

  /** The message and its first cause's: the queue's own words, then the database's. */
  private static String reason(Throwable failure) {
    String reason = String.valueOf(failure.getMessage());
    Throwable cause = failure.getCause();
    if (cause != null && cause.getMessage() != null && !reason.contains(cause.getMessage())) {
      reason += ": " + cause.getMessage();
    }
    return reason.replaceAll("\\s+", " ");
  }
}
