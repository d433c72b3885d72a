package org.danerelay.server.bounce;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The per-recipient part of a DSN (RFC 3464 2.3): one recipient, what happened and why.
 *
 * <p>A recipient whose message expired after temporary failures is {@link DsnAction#FAILED} with
 * the last temporary status, such as {@code 4.7.5} for a DANE failure: RFC 3463 2 says a class 4
 * code may accompany a delivery failure report ("sending in the future may be successful"), and it
 * tells the sender what actually went wrong, as Postfix does. {@link DsnAction#DELAYED} needs a
 * class 4 status and the time the relay will give up.
 *
 * @param address the final recipient, the forward path as given in RCPT TO
 * @param action failed or delayed
 * @param status the RFC 3463 code; class 4 or 5 for failed, class 4 for delayed
 * @param remoteMta the host that replied or was last tried, when there was one
 * @param diagnostic the last reply or reason, when known
 * @param lastAttempt when the relay last tried (RFC 3464 2.3.7)
 * @param willRetryUntil for delayed only: when the relay will give up (RFC 3464 2.3.9)
 */
public record RecipientReport(
    String address,
    DsnAction action,
    StatusCode status,
    Optional<String> remoteMta,
    Optional<Diagnostic> diagnostic,
    Instant lastAttempt,
    Optional<Instant> willRetryUntil) {

  public RecipientReport {
    AddressText.requireAddress(address, "address");
    if (address.isEmpty()) {
      throw new IllegalArgumentException("a recipient address is never empty");
    }
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(remoteMta, "remoteMta");
    Objects.requireNonNull(diagnostic, "diagnostic");
    Objects.requireNonNull(lastAttempt, "lastAttempt");
    Objects.requireNonNull(willRetryUntil, "willRetryUntil");
    if (action == DsnAction.DELAYED) {
      if (!status.isTransient()) {
        throw new IllegalArgumentException("a delayed recipient has a class 4 status");
      }
      if (willRetryUntil.isEmpty()) {
        throw new IllegalArgumentException("a delayed recipient says when retries end");
      }
    } else if (willRetryUntil.isPresent()) {
      // RFC 3464 2.3.9: Will-Retry-Until belongs to "delayed" DSNs only.
      throw new IllegalArgumentException("only a delayed recipient has a retry deadline");
    }
  }

  /** A recipient the relay gave up on. */
  public static RecipientReport failed(
      String address,
      StatusCode status,
      Optional<String> remoteMta,
      Optional<Diagnostic> diagnostic,
      Instant lastAttempt) {
    return new RecipientReport(
        address, DsnAction.FAILED, status, remoteMta, diagnostic, lastAttempt, Optional.empty());
  }

  /** A recipient still being retried until {@code willRetryUntil}. */
  public static RecipientReport delayed(
      String address,
      StatusCode status,
      Optional<String> remoteMta,
      Optional<Diagnostic> diagnostic,
      Instant lastAttempt,
      Instant willRetryUntil) {
    return new RecipientReport(
        address,
        DsnAction.DELAYED,
        status,
        remoteMta,
        diagnostic,
        lastAttempt,
        Optional.of(willRetryUntil));
  }
}
