package org.danerelay.server.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.danerelay.queue.DueRecipients;
import org.danerelay.queue.Envelope;
import org.danerelay.queue.FinishedMessage;
import org.danerelay.queue.MessageQueue;
import org.danerelay.queue.QueuedMessage;
import org.danerelay.queue.QueuedRecipient;
import org.danerelay.queue.SpoolWriter;
import org.danerelay.server.bounce.BounceDecision;
import org.danerelay.server.bounce.Diagnostic;
import org.danerelay.server.bounce.DsnBuilder;
import org.danerelay.server.bounce.DsnMessage;
import org.danerelay.server.bounce.DsnRequest;
import org.danerelay.server.bounce.NoDsn;
import org.danerelay.server.bounce.OriginalEnvelope;
import org.danerelay.server.bounce.OriginalHeaders;
import org.danerelay.server.bounce.RecipientReport;
import org.danerelay.server.bounce.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a finished message's bounced recipients, or a message's long-deferred ones, into an RFC
 * 3464 report and queues it, with the null sender, for the original sender (never for {@code <>}:
 * no bounce loops).
 */
public final class BounceSender {

  private static final Logger log = LoggerFactory.getLogger(BounceSender.class);
  private static final Pattern STATUS = Pattern.compile("\\b([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");

  private final MessageQueue queue;
  private final DsnBuilder builder;
  private final String hostname;
  private final Clock clock;

  /**
   * @param hostname this relay's name: the DSN's Reporting-MTA
   */
  public BounceSender(MessageQueue queue, DsnBuilder builder, String hostname, Clock clock) {
    this.queue = queue;
    this.builder = builder;
    this.hostname = hostname;
    this.clock = clock;
  }

  /**
   * Called while the finished message's file still exists, so its headers can be returned.
   *
   * @return the queue id of the DSN; empty if no recipient bounced or no DSN may be sent (a {@code
   *     <>} sender)
   * @throws RuntimeException if the bounce could not be queued: the finisher then keeps the
   *     message, so that the bounce is made again at the next start instead of being lost
   */
  public Optional<String> bounce(FinishedMessage finished) {
    List<QueuedRecipient> bounced = finished.bounced();
    if (bounced.isEmpty()) {
      return Optional.empty();
    }
    // Still indexed while the finishing step runs: the client it came from goes in the report.
    return report(
        true,
        "bounce",
        finished.id(),
        finished.sender(),
        finished.receivedAt(),
        bounced.stream().map(this::report).toList());
  }

  /**
   * Queues the one delay warning of a message (RFC 3464 "delayed") for recipients still deferred.
   *
   * @param delayed address and last reply of each deferred recipient
   * @param retryUntil when the relay gives up: received time plus the queue lifetime
   */
  void warnDelayed(DueRecipients due, Map<String, String> delayed, Instant retryUntil) {
    List<RecipientReport> reports = new ArrayList<>();
    delayed.forEach(
        (address, reply) ->
            reports.add(
                RecipientReport.delayed(
                    address,
                    statusOf(reply),
                    Optional.empty(),
                    Optional.of(diagnostic(reply)),
                    clock.instant(),
                    retryUntil)));
    // A delay warning that cannot be queued is only a warning missed: logged, not retried.
    report(false, "delay warning", due.messageId(), due.sender(), due.receivedAt(), reports);
  }

  private Optional<String> report(
      boolean mustQueue,
      String what,
      String id,
      String sender,
      Instant receivedAt,
      List<RecipientReport> reports) {
    try {
      Optional<QueuedMessage> original = queue.find(id);
      DsnRequest request =
          new DsnRequest(
              hostname,
              new OriginalEnvelope(
                  sender,
                  id,
                  receivedAt,
                  original.map(QueuedMessage::clientAddress).orElse(""),
                  original.map(QueuedMessage::clientHelo).orElse("unknown")),
              reports,
              headersOf(id));
      BounceDecision decision = builder.build(request);
      if (decision instanceof NoDsn none) {
        log.info("{}: no {} for <{}>: {}", id, what, sender, none.reason().explanation());
        return Optional.empty();
      }
      return Optional.of(enqueue(id, (DsnMessage) decision, what));
    } catch (IOException | RuntimeException e) {
      log.error("{}: could not queue the {} for <{}>: {}", id, what, sender, e.toString());
      if (mustQueue) {
        throw new IllegalStateException("could not queue the " + what + " of " + id, e);
      }
      return Optional.empty();
    }
  }

  private RecipientReport report(QueuedRecipient recipient) {
    String reply = recipient.lastReply() == null ? "5.0.0 undeliverable" : recipient.lastReply();
    return RecipientReport.failed(
        recipient.address(),
        statusOf(reply),
        Optional.empty(),
        Optional.of(diagnostic(reply)),
        clock.instant());
  }

  private static Diagnostic diagnostic(String reply) {
    return reply.matches("^[245]\\d\\d[ -].*") ? Diagnostic.smtp(reply) : Diagnostic.local(reply);
  }

  /** The first RFC 3463 code in the reply; a 4.x.x one stays, as Postfix reports expiries. */
  private static StatusCode statusOf(String reply) {
    Matcher matcher = STATUS.matcher(reply);
    while (matcher.find()) {
      if (!matcher.group(1).equals("2")) {
        return StatusCode.parse(matcher.group());
      }
    }
    return StatusCode.parse("5.0.0");
  }

  private OriginalHeaders headersOf(String id) throws IOException {
    try (InputStream body = queue.openBody(id)) {
      return OriginalHeaders.read(body, OriginalHeaders.DEFAULT_LIMIT);
    }
  }

  private String enqueue(String originalId, DsnMessage dsn, String what) throws IOException {
    String id = queue.newId();
    Envelope envelope =
        new Envelope("", List.of(dsn.envelopeRecipient()), "127.0.0.1", hostname, clock.instant());
    try (SpoolWriter spool = queue.create(id, envelope)) {
      spool.body().write(dsn.content());
      spool.commit();
    }
    log.info("{}: {} queued as {} for <{}>", originalId, what, id, dsn.envelopeRecipient());
    return id;
  }
}
