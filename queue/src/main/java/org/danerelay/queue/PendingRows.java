package org.danerelay.queue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One message's index rows on their way through the {@link IndexWriter}, and the answer that its
 * SMTP session waits for before it may reply 250.
 *
 * <p>A session that stops waiting must know whether the rows can still land: if the writer has not
 * taken them yet they are withdrawn, and the file may go; once taken, they may commit at any
 * moment, so the file has to stay.
 */
final class PendingRows {

  /** How waiting ended. */
  enum Result {
    /** The rows are committed. */
    INDEXED,
    /** The rows are not in the index and never will be: see {@link #failure()}. */
    FAILED,
    /** The writer took the rows but did not answer in time: they may still commit. */
    UNCONFIRMED
  }

  private static final int WAITING = 0;
  private static final int TAKEN = 1;
  private static final int WITHDRAWN = 2;
  private static final int ABANDONED = 3;
  private static final int DONE = 4;

  private final NewMessage message;
  private final AtomicInteger state = new AtomicInteger(WAITING);
  private final CompletableFuture<Void> written = new CompletableFuture<>();

  PendingRows(NewMessage message) {
    this.message = message;
  }

  NewMessage message() {
    return message;
  }

  /** The writer claims the rows; false if their session withdrew them first. */
  boolean take() {
    return state.compareAndSet(WAITING, TAKEN);
  }

  /** The writer reports success. */
  void indexed() {
    written.complete(null);
    state.set(DONE);
  }

  /**
   * The writer (or a closing queue) reports failure.
   *
   * @return true if no session waits for the answer any more, so the failure is the caller's to log
   */
  boolean failed(RuntimeException cause) {
    written.completeExceptionally(cause);
    return state.getAndSet(DONE) == ABANDONED;
  }

  /** The database error, once {@link #await} said FAILED. */
  RuntimeException failure() {
    try {
      written.getNow(null);
      return null;
    } catch (RuntimeException e) {
      return e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /** Waits at most {@code wait} for the writer's answer. */
  Result await(Duration wait) {
    try {
      written.get(wait.toNanos(), TimeUnit.NANOSECONDS);
      return Result.INDEXED;
    } catch (ExecutionException e) {
      return Result.FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return gaveUp("interrupted while waiting for the index");
    } catch (TimeoutException e) {
      return gaveUp("not indexed within " + wait.toSeconds() + " s");
    }
  }

  private Result gaveUp(String why) {
    if (state.compareAndSet(WAITING, WITHDRAWN)) {
      written.completeExceptionally(new QueueException(message.header().id() + ": " + why, null));
      return Result.FAILED;
    }
    if (state.compareAndSet(TAKEN, ABANDONED)) {
      return Result.UNCONFIRMED;
    }
    return written.isCompletedExceptionally() ? Result.FAILED : Result.INDEXED; // just answered
  }
}
