package org.danerelay.server.outbound.smtp;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.danerelay.server.outbound.DaneFailure;

/**
 * One message on its way through one connection: its envelope and content, what happened to each
 * recipient, and the future its caller waits on.
 */
final class MailTransaction {

  private final DeliveryEnvelope envelope;
  private final MessageBody body;
  private final RecipientLedger ledger;
  private final CompletableFuture<AttemptResult> result = new CompletableFuture<>();

  MailTransaction(DeliveryEnvelope envelope, MessageBody body) {
    this.envelope = envelope;
    this.body = body;
    this.ledger = new RecipientLedger(envelope.recipients());
  }

  DeliveryEnvelope envelope() {
    return envelope;
  }

  MessageBody body() {
    return body;
  }

  RecipientLedger ledger() {
    return ledger;
  }

  CompletableFuture<AttemptResult> result() {
    return result;
  }

  /**
   * Settles whoever is still open as deferred and completes the future, once.
   *
   * @param connectionUse 1 for the connection's first message, 2 for the next, ...
   */
  void complete(
      Optional<TlsSession> tls,
      Optional<String> failure,
      Optional<DaneFailure> daneFailure,
      Optional<String> tlsFailure,
      boolean mayRetryWithoutTls,
      int connectionUse,
      Optional<String> sourceAddress) {
    if (result.isDone()) {
      return;
    }
    if (!ledger.allSettled()) {
      ledger.deferOpen("4.4.2", "connection ended before an answer");
    }
    result.complete(
        new AttemptResult(
            ledger.outcomes(),
            tls,
            failure,
            daneFailure,
            tlsFailure,
            mayRetryWithoutTls,
            connectionUse,
            sourceAddress));
  }
}
