package org.danerelay.server.bounce;

import java.util.List;
import java.util.Objects;

/**
 * Everything one DSN reports: who reports, on which message, about which recipients.
 *
 * <p>One DSN covers one message and may name several recipients (RFC 3464 2.1); any {@link
 * DsnAction#FAILED} recipient makes it a bounce, otherwise it is a delay warning.
 *
 * @param reportingMta this relay's host name (RFC 3464 2.2.2 {@code Reporting-MTA}); the DSN's From
 *     address is {@code MAILER-DAEMON} at this name
 * @param envelope the original message's envelope
 * @param recipients the recipients reported on, at least one, in the order given
 * @param originalHeaders the original header section, returned without the body
 */
public record DsnRequest(
    String reportingMta,
    OriginalEnvelope envelope,
    List<RecipientReport> recipients,
    OriginalHeaders originalHeaders) {

  public DsnRequest {
    reportingMta = AddressText.requireHostName(reportingMta, "reportingMta");
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(originalHeaders, "originalHeaders");
    recipients = List.copyOf(Objects.requireNonNull(recipients, "recipients"));
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("a DSN reports on at least one recipient");
    }
  }

  /** Whether this is a bounce: some recipient failed (else every recipient is delayed). */
  public boolean isFailure() {
    return recipients.stream().anyMatch(r -> r.action() == DsnAction.FAILED);
  }
}
