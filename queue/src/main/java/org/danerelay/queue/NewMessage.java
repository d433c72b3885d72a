package org.danerelay.queue;

import java.time.Instant;
import java.util.Optional;

/**
 * The index rows for one message just made durable: its header, size, file and first due time.
 *
 * @param body the body to copy into the database with the rows, when bodies are kept there
 */
record NewMessage(
    SpoolHeader header,
    long size,
    String spoolFile,
    Instant due,
    Optional<BodyStore.BodyFile> body) {

  /** The rows of a message whose body stays in its spool file. */
  NewMessage(SpoolHeader header, long size, String spoolFile, Instant due) {
    this(header, size, spoolFile, due, Optional.empty());
  }
}
