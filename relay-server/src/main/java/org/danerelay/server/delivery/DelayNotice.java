package org.danerelay.server.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.danerelay.queue.DueRecipients;
import org.danerelay.queue.MessageQueue;
import org.danerelay.queue.QueuedRecipient;
import org.danerelay.queue.RecipientState;

/**
 * Sends a message's one delay warning (RFC 3464 "delayed", Postfix's {@code delay_warning_time})
 * once it has been deferred longer than {@code delivery.delay-warning}: a sender whose mail waits
 * on a DANE failure learns of it in hours, not when the queue lifetime ends.
 */
final class DelayNotice {

  private final MessageQueue queue;
  private final BounceSender bounces;
  private final Duration after;
  private final Duration lifetime;
  private final Clock clock;

  /**
   * @param after how long a message waits before the warning; zero never warns
   * @param lifetime the queue lifetime, for the warning's Will-Retry-Until
   */
  DelayNotice(
      MessageQueue queue, BounceSender bounces, Duration after, Duration lifetime, Clock clock) {
    this.queue = queue;
    this.bounces = bounces;
    this.after = after;
    this.lifetime = lifetime;
    this.clock = clock;
  }

  /** Called after a run deferred some of the message's recipients. */
  void deferred(DueRecipients due) {
    Instant now = clock.instant();
    // Nothing goes to the null sender (RFC 3464 2.2.1: no DSN about a DSN).
    if (after.isZero() || due.sender().isEmpty() || now.isBefore(due.receivedAt().plus(after))) {
      return;
    }
    if (!queue.markDelayWarned(due.messageId(), now)) {
      return; // warned before, or every recipient is settled now
    }
    Map<String, String> delayed = new LinkedHashMap<>();
    queue
        .find(due.messageId())
        .ifPresent(
            message -> {
              for (QueuedRecipient recipient : message.recipients()) {
                if (recipient.state() == RecipientState.DEFERRED) {
                  String reply = recipient.lastReply();
                  delayed.put(recipient.address(), reply == null ? "4.0.0 deferred" : reply);
                }
              }
            });
    if (!delayed.isEmpty()) {
      bounces.warnDelayed(due, delayed, due.receivedAt().plus(lifetime));
    }
  }
}
