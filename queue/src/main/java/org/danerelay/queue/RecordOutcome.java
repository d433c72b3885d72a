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
   * The postmaster held the recipient while this attempt ran ({@code queue hold}, or a delete or
   * bounce waiting for it) and the attempt deferred: it stays HELD, neither due again nor expired,
   * until released (ADR 0011). {@code nextAttempt} is when the retry schedule would have tried.
   */
  record Held(Instant nextAttempt) implements RecordOutcome {
    public Held {
      Objects.requireNonNull(nextAttempt, "nextAttempt");
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

  /**
   * This attempt deferred, but its lease had run out and another worker (on {@code holder}'s node)
   * has claimed the recipient since: the attempt is logged and the other claim stands, so that a
   * late deferral cannot free a recipient that someone is delivering (issue 14).
   */
  record TakenOver(String holder) implements RecordOutcome {
    public TakenOver {
      Objects.requireNonNull(holder, "holder");
    }
  }
}
