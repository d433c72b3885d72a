package org.danerelay.server.outbound.smtp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.danerelay.server.outbound.DaneFailure;

/**
 * What one connection attempt achieved: an outcome for every recipient in envelope order, and what
 * the connection itself achieved.
 *
 * @param recipients one outcome per envelope recipient, same order
 * @param tls the TLS in force when the message went out (or would have); empty for plaintext
 * @param failure why the connection as a whole failed, when it did: an RFC 3463 status and reason,
 *     such as {@code 4.7.5 STARTTLS not offered but DANE TLSA records exist: not delivered}
 * @param daneFailure when the attempt required DANE and the failure was DANE's doing: the host did
 *     not match, did not offer STARTTLS, or failed the handshake
 * @param tlsFailure when TLS was required (DANE, MTA-STS enforce, mandatory encryption) and not
 *     achieved: why, as an RFC 8460 4.3 result-type ({@code starttls-not-supported}, {@code
 *     tlsa-invalid}, {@code certificate-host-mismatch}, {@code validation-failure}...)
 * @param mayRetryWithoutTls true only for an {@code Opportunistic} attempt whose STARTTLS handshake
 *     failed: nothing was sent, and RFC 7672 2.2 lets the caller try once more in plaintext on a
 *     new connection (never on the same one: its state is unknown)
 * @param connectionUse which message this was on its connection: 1 on a new connection, more on a
 *     reused one (0 when no connection was made)
 * @param sourceAddress this relay's address on the connection (TLSRPT's sending-mta-ip); empty when
 *     no connection was made
 */
public record AttemptResult(
    List<RecipientOutcome> recipients,
    Optional<TlsSession> tls,
    Optional<String> failure,
    Optional<DaneFailure> daneFailure,
    Optional<String> tlsFailure,
    boolean mayRetryWithoutTls,
    int connectionUse,
    Optional<String> sourceAddress) {

  public AttemptResult {
    recipients = List.copyOf(recipients);
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(daneFailure, "daneFailure");
    Objects.requireNonNull(tlsFailure, "tlsFailure");
    Objects.requireNonNull(sourceAddress, "sourceAddress");
  }

  /** Whether every recipient was delivered. */
  public boolean allDelivered() {
    return recipients.stream().allMatch(RecipientOutcome.Delivered.class::isInstance);
  }

  /** The outcome for one recipient (the first, if listed twice). */
  public Optional<RecipientOutcome> outcomeFor(String recipient) {
    return recipients.stream().filter(o -> o.recipient().equals(recipient)).findFirst();
  }

  /** One line for the log: TLS, counts, and the failure or the first reply. */
  public String summary() {
    long delivered = count(RecipientOutcome.Delivered.class);
    long deferred = count(RecipientOutcome.Deferred.class);
    long bounced = count(RecipientOutcome.Bounced.class);
    String reply =
        failure.orElseGet(
            () ->
                recipients.stream().map(AttemptResult::detail).findFirst().orElse("no recipients"));
    // "no TLS session": none was established, whether never tried or refused in the handshake.
    return tls.map(TlsSession::describe).orElse("no TLS session")
        + ": "
        + delivered
        + " delivered, "
        + deferred
        + " deferred, "
        + bounced
        + " bounced; "
        + reply;
  }

  private long count(Class<? extends RecipientOutcome> kind) {
    return recipients.stream().filter(kind::isInstance).count();
  }

  private static String detail(RecipientOutcome outcome) {
    if (outcome instanceof RecipientOutcome.Delivered delivered) {
      return delivered.reply().toString();
    }
    if (outcome instanceof RecipientOutcome.Bounced bounced) {
      return bounced.reply().toString();
    }
    RecipientOutcome.Deferred deferred = (RecipientOutcome.Deferred) outcome;
    return deferred.status() + " " + deferred.detail();
  }
}
