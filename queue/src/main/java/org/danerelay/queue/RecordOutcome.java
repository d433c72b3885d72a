package org.danerelay.queue;

import java.time.Instant;
import java.util.Objects;

/** What {@link MessageQueue#record} made of an attempt: the recipient's new standing. */
public sealed interface RecordOutcome {

  /** The recipient is final: delivered. */
  record Delivered() implements RecordOutcome {}

  /** The recipient is final: bounced on a permanent failure; the sender gets a DSN. */
  record Bounced(String reply) implements RecordOutcome {
    public Bounced {
      Objects.requireNonNull(reply, "reply");
    }
  }

  /** Deferred: due again at {@code nextAttempt}, from the retry schedule. */
  record Deferred(Instant nextAttempt) implements RecordOutcome {
    public Deferred {
      Objects.requireNonNull(nextAttempt, "nextAttempt");
    }
  }

  /**
   * A deferral after the queue lifetime: the recipient is now BOUNCED and the sender gets a DSN
   * that quotes {@code lastReply} (STYLE 3: only the lifetime's end or a 5xx bounces).
   */
  record Expired(String lastReply, Instant receivedAt) implements RecordOutcome {
    public Expired {
      Objects.requireNonNull(lastReply, "lastReply");
      Objects.requireNonNull(receivedAt, "receivedAt");
    }
  }

  /**
   * The recipient was already delivered or bounced, by a worker that claimed it after this one's
   * lease ran out: the attempt is logged, the final state is kept.
   */
  record AlreadyFinal(RecipientState state) implements RecordOutcome {
    public AlreadyFinal {
      Objects.requireNonNull(state, "state");
    }
  }
}
