package org.danerelay.queue;

/**
 * The connection to PostgreSQL failed while it committed (the server cut the session in a fast
 * shutdown or a failover, or the network went): the transaction may have committed or not, and only
 * the database can tell, once it answers again ({@link InDoubtCommits}).
 */
final class CommitInDoubtException extends RuntimeException {

  private final long transaction;

  /**
   * @param transaction the transaction's id, as {@code txid_current()} gave it
   */
  CommitInDoubtException(String message, long transaction, Throwable cause) {
    super(message, cause);
    this.transaction = transaction;
  }

  long transaction() {
    return transaction;
  }
}
