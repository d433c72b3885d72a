package org.danerelay.queue;

import java.util.Objects;
import java.util.Optional;

/** What one of the postmaster's commands ({@link PostmasterCommands}) did to a message. */
public sealed interface CommandOutcome {

  /** No message with that id is queued (unknown, or already finished). */
  record NotQueued() implements CommandOutcome {}

  /**
   * The message stays queued: {@code recipients} changed state (held, or released), of which {@code
   * inFlight} are being delivered right now; their attempts end as they would have, and a deferral
   * keeps a hold.
   */
  record Changed(int recipients, int inFlight) implements CommandOutcome {}

  /**
   * The message left the queue.
   *
   * @param recipients how many of its recipients were still pending
   * @param dsn the finished message as the DSN step saw it (a bounce), empty for a delete
   */
  record Removed(int recipients, Optional<FinishedMessage> dsn) implements CommandOutcome {
    public Removed {
      Objects.requireNonNull(dsn, "dsn");
    }
  }

  /**
   * The message leaves once the {@code inFlight} attempts still running have ended (its pending
   * recipients are HELD meanwhile): the worker that records the last of them completes the removal,
   * and a restart completes it too.
   */
  record Removing(Removal removal, int recipients, int inFlight) implements CommandOutcome {
    public Removing {
      Objects.requireNonNull(removal, "removal");
    }
  }
}
