package org.danerelay.queue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;

/**
 * Forces one directory for many threads at once: each caller returns once a sync that began after
 * its call has finished, so one sync makes the names of every waiting caller durable.
 *
 * <p>Every accepted message renames its spool file into {@code messages/} and must not be
 * acknowledged before that directory is forced (the new name would not survive a power loss). With
 * concurrent sessions, one sync per message queued the syncs up behind each other on the same
 * directory; now the sessions that arrive while a sync runs share the next one. A sync that began
 * before a caller arrived may have missed that caller's rename, so it never counts for it.
 */
final class GroupedDirectorySync {

  /** Forces a directory to disk; the tests put a slow or failing disk here. */
  interface Force {
    void force(Path directory) throws IOException;
  }

  private final Path directory;
  private final Force force;
  private long started; // syncs begun so far; guarded by this
  private boolean running; // guarded by this
  private long lastSucceeded; // the number of the last sync that succeeded; guarded by this
  private long lastFailed; // the number of the last sync that failed; guarded by this
  private IOException lastFailure; // guarded by this

  GroupedDirectorySync(Path directory) {
    this(directory, SpoolLayout::fsyncDirectory);
  }

  GroupedDirectorySync(Path directory, Force force) {
    this.directory = directory;
    this.force = force;
  }

  /**
   * Returns once a sync of the directory that began after this call has succeeded.
   *
   * @throws IOException if that sync failed (its callers all hear it), or the wait was interrupted
   */
  void sync() throws IOException {
    long mine;
    synchronized (this) {
      long needed = started + 1; // the next sync to begin; one running now may predate our rename
      while (true) {
        if (lastSucceeded >= needed) {
          return;
        }
        if (lastFailed >= needed) {
          throw new IOException("could not sync " + directory, lastFailure);
        }
        if (!running) {
          running = true;
          mine = ++started;
          break;
        }
        try {
          wait(); // bounded by the running sync, which ends with notifyAll
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted waiting for a sync of " + directory);
        }
      }
    }
    IOException failure = null;
    try {
      force.force(directory);
    } catch (IOException e) {
      failure = e;
    }
    synchronized (this) {
      running = false;
      if (failure == null) {
        lastSucceeded = mine;
      } else {
        lastFailed = mine;
        lastFailure = failure;
      }
      notifyAll();
    }
    if (failure != null) {
      throw failure;
    }
  }
}
