package org.danerelay.server.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.danerelay.dane.policy.Attempt;
import org.danerelay.dane.policy.DeliveryPlan;
import org.danerelay.dane.policy.TlsRequirement;
import org.danerelay.queue.AttemptRecord;
import org.danerelay.queue.AttemptStatus;
import org.danerelay.queue.ClaimedRecipient;
import org.danerelay.queue.DueRecipients;
import org.danerelay.queue.MessageQueue;
import org.danerelay.server.outbound.smtp.AttemptResult;
import org.danerelay.server.outbound.smtp.DeliveryEnvelope;
import org.danerelay.server.outbound.smtp.MessageBody;
import org.danerelay.server.outbound.smtp.RecipientOutcome;
import org.danerelay.server.outbound.smtp.SmtpDelivery;

/**
 * Delivers one message's claimed recipients for one domain: executes the plan's attempts in order,
 * each recipient leaving the list as it is delivered or bounced, and records the end state.
 *
 * <p>A DANE or TLS failure at one host moves on to the next host (DANE-RULES 6); recipients still
 * pending when the hosts run out are deferred with the last reason, never sent with less
 * protection.
 */
final class DestinationDelivery {

  private static final Duration ATTEMPT_LIMIT = Duration.ofMinutes(30);

  private final MessageQueue queue;
  private final Router router;
  private final SmtpDelivery smtp;
  private final String hostname;
  private final Clock clock;

  DestinationDelivery(
      MessageQueue queue, Router router, SmtpDelivery smtp, String hostname, Clock clock) {
    this.queue = queue;
    this.router = router;
    this.smtp = smtp;
    this.hostname = hostname;
    this.clock = clock;
  }

  void deliver(DueRecipients due) {
    Instant started = clock.instant();
    Map<String, ClaimedRecipient> pending = new LinkedHashMap<>();
    due.recipients().forEach(r -> pending.put(r.address(), r));
    DeliveryPlan plan = router.plan(due.domain());
    if (plan instanceof DeliveryPlan.Bounce bounce) {
      settleWithoutConnection(due, started, AttemptStatus.BOUNCED, "bounced", bounce.reason());
      return;
    }
    if (plan instanceof DeliveryPlan.Defer defer) {
      settleWithoutConnection(due, started, AttemptStatus.DEFERRED, "deferred", defer.reason());
      return;
    }
    String lastReason = "4.4.0 no host could be tried";
    Attempt last = null;
    for (Attempt attempt : ((DeliveryPlan.TryInOrder) plan).attempts()) {
      if (pending.isEmpty()) {
        break;
      }
      last = attempt;
      AttemptResult result = run(due, attempt, pending);
      if (result.mayRetryWithoutTls()) {
        // RFC 7672 2.2: only an opportunistic attempt; a new connection, never the same one.
        result = run(due, plaintext(attempt), pending);
      }
      lastReason = settle(due, attempt, result, pending, started);
    }
    for (ClaimedRecipient recipient : List.copyOf(pending.values())) {
      record(due, recipient, started, last, AttemptStatus.DEFERRED, lastReason);
    }
  }

  private void settleWithoutConnection(
      DueRecipients due, Instant started, AttemptStatus status, String word, String reason) {
    for (ClaimedRecipient recipient : due.recipients()) {
      DeliveryLog.withoutConnection(
          due.messageId(), recipient.address(), due.receivedAt(), clock.instant(), word, reason);
      record(due, recipient, started, null, status, reason);
    }
  }

  private AttemptResult run(
      DueRecipients due, Attempt attempt, Map<String, ClaimedRecipient> pending) {
    DeliveryEnvelope envelope = new DeliveryEnvelope(due.sender(), List.copyOf(pending.keySet()));
    AttemptResult result;
    try {
      result =
          smtp.deliver(attempt, envelope, body(due.messageId()), hostname)
              .get(ATTEMPT_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("delivery attempt did not complete: " + e, e);
    }
    DeliveryLog.connection(due.messageId(), attempt, result);
    DeliveryLog.tls(due.messageId(), result);
    return result;
  }

  /** Records delivered and bounced recipients; returns the reason the others are still pending. */
  private String settle(
      DueRecipients due,
      Attempt attempt,
      AttemptResult result,
      Map<String, ClaimedRecipient> pending,
      Instant started) {
    String reason = result.failure().orElse("4.4.0 no reply");
    for (RecipientOutcome outcome : result.recipients()) {
      ClaimedRecipient recipient = pending.get(outcome.recipient());
      if (recipient == null) {
        continue;
      }
      if (outcome instanceof RecipientOutcome.Delivered delivered) {
        log(due, recipient, attempt, result, "sent", delivered.reply().toString());
        record(
            due,
            recipient,
            started,
            attempt,
            AttemptStatus.DELIVERED,
            delivered.reply().toString(),
            result);
        pending.remove(outcome.recipient());
      } else if (outcome instanceof RecipientOutcome.Bounced bounced) {
        log(due, recipient, attempt, result, "bounced", bounced.reply().toString());
        record(
            due,
            recipient,
            started,
            attempt,
            AttemptStatus.BOUNCED,
            bounced.reply().toString(),
            result);
        pending.remove(outcome.recipient());
      } else {
        RecipientOutcome.Deferred deferred = (RecipientOutcome.Deferred) outcome;
        reason = deferred.status() + " " + deferred.detail();
        log(due, recipient, attempt, result, "deferred", reason);
      }
    }
    return reason;
  }

  private void log(
      DueRecipients due,
      ClaimedRecipient recipient,
      Attempt attempt,
      AttemptResult result,
      String status,
      String reply) {
    DeliveryLog.recipient(
        due.messageId(),
        recipient.address(),
        attempt,
        result,
        due.receivedAt(),
        clock.instant(),
        status,
        reply);
  }

  private void record(
      DueRecipients due,
      ClaimedRecipient recipient,
      Instant started,
      Attempt attempt,
      AttemptStatus status,
      String reply) {
    record(due, recipient, started, attempt, status, reply, null);
  }

  private void record(
      DueRecipients due,
      ClaimedRecipient recipient,
      Instant started,
      Attempt attempt,
      AttemptStatus status,
      String reply,
      AttemptResult result) {
    AttemptRecord record =
        new AttemptRecord(
            started,
            clock.instant(),
            attempt == null ? "" : DeliveryLog.hostText(attempt),
            attempt == null ? "" : attempt.address().getHostAddress(),
            attempt == null ? 0 : attempt.port(),
            attempt == null || result == null ? "" : DeliveryLog.tlsMode(attempt, result),
            result == null ? "" : DeliveryLog.dane(result),
            status,
            reply);
    queue.record(due.messageId(), recipient.idx(), record);
  }

  private MessageBody body(String id) {
    return new MessageBody() {
      @Override
      public InputStream open() throws IOException {
        return queue.openBody(id);
      }

      @Override
      public OptionalLong size() {
        return queue.find(id).map(m -> OptionalLong.of(m.size())).orElse(OptionalLong.empty());
      }
    };
  }

  private static Attempt plaintext(Attempt attempt) {
    return new Attempt(
        attempt.mxHost(),
        attempt.expandedHost(),
        attempt.address(),
        attempt.port(),
        new TlsRequirement.PlaintextOnly(),
        attempt.dnssecMx());
  }
}
