package org.danerelay.server.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.danerelay.dane.policy.Attempt;
import org.danerelay.dane.policy.DeliveryPlan;
import org.danerelay.dane.policy.TlsRequirement;
import org.danerelay.queue.AttemptRecord;
import org.danerelay.queue.AttemptStatus;
import org.danerelay.queue.BodyType;
import org.danerelay.queue.ClaimedRecipient;
import org.danerelay.queue.DueRecipients;
import org.danerelay.queue.MessageQueue;
import org.danerelay.queue.RecordOutcome;
import org.danerelay.queue.TlsRequired;
import org.danerelay.server.metrics.RelayMetrics;
import org.danerelay.server.metrics.TlsUse;
import org.danerelay.server.outbound.smtp.AttemptResult;
import org.danerelay.server.outbound.smtp.DeliveryEnvelope;
import org.danerelay.server.outbound.smtp.MessageBody;
import org.danerelay.server.outbound.smtp.RecipientOutcome;
import org.danerelay.server.outbound.smtp.SmtpDelivery;
import org.danerelay.server.outbound.smtp.SmtpReply;
import org.danerelay.server.tlsrpt.SessionRecorder;

/**
 * Delivers one message's claimed recipients for one domain: executes the plan's attempts in order,
 * each recipient leaving the list as it is delivered or bounced, and records the end state.
 *
 * <p>A DANE or TLS failure at one host moves on to the next host (DANE-RULES 6); recipients still
 * pending when the hosts run out are deferred with the last reason, never sent with less
 * protection. Each host that failed before the last one is noted with the recipient, so {@code
 * queue show} lists every host tried.
 */
final class DestinationDelivery {

  private static final Duration ATTEMPT_LIMIT = Duration.ofMinutes(30);
  private static final String NO_HOST = "4.4.0 no host could be tried";

  /** The last host that deferred a recipient in this run, and why. */
  private record HostDeferral(Attempt attempt, AttemptResult result, String reason) {}

  private final MessageQueue queue;
  private final Supplier<Router> router;
  private final SmtpDelivery smtp;
  private final String hostname;
  private final Clock clock;
  private final DelayNotice delays;
  private final BounceSender bounces;
  private final RelayMetrics metrics;
  private final SessionRecorder sessions;

  DestinationDelivery(
      MessageQueue queue,
      Supplier<Router> router,
      SmtpDelivery smtp,
      String hostname,
      Clock clock,
      DelayNotice delays,
      BounceSender bounces,
      RelayMetrics metrics,
      SessionRecorder sessions) {
    this.queue = queue;
    this.router = router;
    this.smtp = smtp;
    this.hostname = hostname;
    this.clock = clock;
    this.delays = delays;
    this.bounces = bounces;
    this.metrics = metrics;
    this.sessions = sessions;
  }

  void deliver(DueRecipients due) {
    Instant started = clock.instant();
    // The router in force when the attempt starts: a reload applies from the next attempt on.
    Router routing = router.get();
    DeliveryPlan plan = routing.plan(due.domain(), due.tlsRequired());
    // RFC 8689 4.2: REQUIRETLS goes on to the next hop, but not into local.forward (final
    // delivery).
    boolean requireTls =
        due.tlsRequired() == TlsRequired.REQUIRETLS && !routing.isLocal(due.domain());
    if (plan instanceof DeliveryPlan.Bounce bounce) {
      settleWithoutConnection(due, started, AttemptStatus.BOUNCED, "bounced", bounce.reason());
      return;
    }
    if (plan instanceof DeliveryPlan.Defer defer) {
      settleWithoutConnection(due, started, AttemptStatus.DEFERRED, "deferred", defer.reason());
      return;
    }
    // DANE-RULES 6: a host left out (failed or BOGUS lookup) is logged with why, even when the
    // next host delivers; otherwise the skip would leave no trace at all.
    DeliveryPlan.TryInOrder order = (DeliveryPlan.TryInOrder) plan;
    order.notes().forEach(note -> DeliveryLog.skipped(due.messageId(), note));
    Map<String, ClaimedRecipient> pending = new LinkedHashMap<>();
    due.recipients().forEach(r -> pending.put(r.address(), r));
    Map<String, HostDeferral> deferrals = new HashMap<>();
    for (Attempt attempt : order.attempts()) {
      if (pending.isEmpty()) {
        break;
      }
      AttemptResult result = run(due, attempt, pending, requireTls);
      if (result.mayRetryWithoutTls()) {
        settle(due, attempt, result, pending, started, deferrals);
        // RFC 7672 2.2: only an opportunistic attempt; a new connection, never the same one.
        attempt = plaintext(attempt);
        result = run(due, attempt, pending, requireTls);
      }
      settle(due, attempt, result, pending, started, deferrals);
    }
    boolean anyDeferred = false;
    for (ClaimedRecipient recipient : pending.values()) {
      HostDeferral last = deferrals.get(recipient.address());
      anyDeferred |=
          last == null
              ? record(due, recipient, started, null, AttemptStatus.DEFERRED, NO_HOST, null)
              : record(
                  due,
                  recipient,
                  started,
                  last.attempt(),
                  AttemptStatus.DEFERRED,
                  last.reason(),
                  last.result());
    }
    if (anyDeferred) {
      delays.deferred(due);
    }
  }

  private void settleWithoutConnection(
      DueRecipients due, Instant started, AttemptStatus status, String word, String reason) {
    boolean anyDeferred = false;
    for (ClaimedRecipient recipient : due.recipients()) {
      DeliveryLog.withoutConnection(
          due.messageId(), recipient.address(), due.receivedAt(), clock.instant(), word, reason);
      metrics.delivery(status, TlsUse.NO_CONNECTION);
      anyDeferred |= record(due, recipient, started, null, status, reason, null);
    }
    if (anyDeferred) {
      delays.deferred(due);
    }
  }

  private AttemptResult run(
      DueRecipients due,
      Attempt attempt,
      Map<String, ClaimedRecipient> pending,
      boolean requireTls) {
    DeliveryEnvelope envelope =
        new DeliveryEnvelope(
            due.sender(),
            List.copyOf(pending.keySet()),
            due.bodyType() == BodyType.EIGHT_BIT_MIME,
            requireTls);
    AttemptResult result;
    try {
      result =
          smtp.deliver(
                  attempt,
                  envelope,
                  body(due, List.copyOf(pending.values())),
                  hostname,
                  DeliveryLog.steps(due.messageId(), attempt))
              .get(ATTEMPT_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("delivery attempt did not complete: " + e, e);
    }
    DeliveryLog.tls(due.messageId(), result);
    result.daneFailure().ifPresent(metrics::daneFailure);
    if (due.tlsRequired() != TlsRequired.NO) {
      // TLS-Required: No waived the domain's MTA-STS policy, and reports travel so (RFC 8460 3):
      // such sessions say nothing about the policy, and a report is not reported on.
      sessions.record(due.domain(), attempt, result);
    }
    return result;
  }

  /**
   * Records delivered and bounced recipients; remembers why the others are still pending, noting
   * the host that deferred them before, if any.
   */
  private void settle(
      DueRecipients due,
      Attempt attempt,
      AttemptResult result,
      Map<String, ClaimedRecipient> pending,
      Instant started,
      Map<String, HostDeferral> deferrals) {
    for (RecipientOutcome outcome : result.recipients()) {
      ClaimedRecipient recipient = pending.get(outcome.recipient());
      if (recipient == null) {
        continue;
      }
      if (outcome instanceof RecipientOutcome.Delivered delivered) {
        finish(
            due, recipient, attempt, result, started, AttemptStatus.DELIVERED, delivered.reply());
        pending.remove(outcome.recipient());
      } else if (outcome instanceof RecipientOutcome.Bounced bounced) {
        finish(due, recipient, attempt, result, started, AttemptStatus.BOUNCED, bounced.reply());
        pending.remove(outcome.recipient());
      } else {
        RecipientOutcome.Deferred deferred = (RecipientOutcome.Deferred) outcome;
        String reason = deferred.status() + " " + deferred.detail();
        log(due, recipient, attempt, result, "deferred", reason);
        metrics.delivery(
            AttemptStatus.DEFERRED, TlsUse.of(attempt.requirement(), result.tls().isPresent()));
        HostDeferral before =
            deferrals.put(recipient.address(), new HostDeferral(attempt, result, reason));
        if (before != null) {
          queue.note(
              due.messageId(),
              recipient.idx(),
              attemptRecord(
                  started,
                  before.attempt(),
                  AttemptStatus.DEFERRED,
                  before.reason(),
                  before.result()));
        }
      }
    }
  }

  private void finish(
      DueRecipients due,
      ClaimedRecipient recipient,
      Attempt attempt,
      AttemptResult result,
      Instant started,
      AttemptStatus status,
      SmtpReply reply) {
    String word = status == AttemptStatus.DELIVERED ? "sent" : "bounced";
    log(due, recipient, attempt, result, word, reply.toString());
    metrics.delivery(status, TlsUse.of(attempt.requirement(), result.tls().isPresent()));
    if (status == AttemptStatus.DELIVERED) {
      metrics.delivered(Duration.between(due.receivedAt(), clock.instant()));
    }
    record(due, recipient, started, attempt, status, reply.toString(), result);
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

  /**
   * Records the run's end for one recipient, and finishes the message in the same commit if that
   * was its last pending recipient (with its DSN, if one is due); true if it is deferred (not
   * expired) now.
   */
  private boolean record(
      DueRecipients due,
      ClaimedRecipient recipient,
      Instant started,
      Attempt attempt,
      AttemptStatus status,
      String reply,
      AttemptResult result) {
    RecordOutcome outcome =
        queue.recordAndFinish(
            due.messageId(),
            recipient.idx(),
            attemptRecord(started, attempt, status, reply, result),
            bounces::bounce);
    return outcome instanceof RecordOutcome.Deferred;
  }

  /** The queue's record of one attempt: no host fields without a connection, no empty fields. */
  private AttemptRecord attemptRecord(
      Instant started, Attempt attempt, AttemptStatus status, String reply, AttemptResult result) {
    if (attempt == null) {
      return AttemptRecord.withoutConnection(started, clock.instant(), status, reply);
    }
    String dane = result == null ? "" : DeliveryLog.dane(result);
    return new AttemptRecord(
        started,
        clock.instant(),
        DeliveryLog.hostText(attempt),
        attempt.address().getHostAddress(),
        attempt.port(),
        result == null ? null : DeliveryLog.tlsMode(attempt, result),
        dane.isEmpty() ? null : dane,
        status,
        reply);
  }

  /**
   * The body for one transaction with {@code recipients}; on a shared queue it ends only while
   * their claim still holds, with at least half a lease left ({@link ClaimGuardedBody}).
   */
  private MessageBody body(DueRecipients due, List<ClaimedRecipient> recipients) {
    return new MessageBody() {
      @Override
      public InputStream open() throws IOException {
        InputStream body = queue.openBody(due.messageId());
        Optional<Duration> lease = queue.sharedLease();
        return lease.isEmpty()
            ? body
            : new ClaimGuardedBody(body, queue, due, recipients, lease.get().dividedBy(2));
      }

      @Override
      public OptionalLong size() {
        return OptionalLong.of(due.size());
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
