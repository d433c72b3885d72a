package org.danerelay.queue;

/** A failure of the queue index (the database), as opposed to the spool files. */
public final class QueueException extends RuntimeException {

  /**
   * Creates the exception.
   *
   * @param message what the queue was doing, so the log line is useful without the cause
   * @param cause the database error
   */
  public QueueException(String message, Throwable cause) {
    super(message, cause);
  }
}
