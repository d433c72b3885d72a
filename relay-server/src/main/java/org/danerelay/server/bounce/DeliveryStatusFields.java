package org.danerelay.server.bounce;

import java.time.ZoneId;

/**
 * Writes the second, machine-readable part of a DSN: the {@code message/delivery-status} body (RFC
 * 3464 2.1), per-message fields, then one block of per-recipient fields for each recipient, blocks
 * separated by blank lines. Everything is US-ASCII (RFC 3464 2.1: the type is 7-bit).
 */
final class DeliveryStatusFields {

  private DeliveryStatusFields() {}

  /** The body with CRLF line ends. */
  static String render(DsnRequest request, ZoneId zone) {
    OriginalEnvelope envelope = request.envelope();
    StringBuilder out = new StringBuilder();
    // RFC 3464 2.2.2: required, the MTA that attempted delivery and is writing this report.
    FieldFolder.append(out, "Reporting-MTA", "dns; " + request.reportingMta());
    // RFC 3464 2.2.3 allows X- fields: the queue id and sender help the postmaster find the log.
    FieldFolder.append(out, "X-DaneRelay-Queue-ID", envelope.queueId());
    FieldFolder.append(out, "X-DaneRelay-Sender", AddressText.typedAddress(envelope.sender()));
    // RFC 3464 2.2.4: the client that handed us the message. Its HELO name is client input.
    FieldFolder.append(
        out,
        "Received-From-MTA",
        "dns; "
            + SafeText.token(envelope.clientHelo(), 255)
            + " (["
            + SafeText.token(envelope.clientAddress(), 64)
            + "])");
    FieldFolder.append(out, "Arrival-Date", MailDate.format(envelope.arrivalDate(), zone));
    for (RecipientReport r : request.recipients()) {
      out.append("\r\n");
      // RFC 3464 2.3.2: required; without ORCPT (not offered) no Original-Recipient is written.
      FieldFolder.append(out, "Final-Recipient", AddressText.typedAddress(r.address()));
      FieldFolder.append(out, "Action", r.action().token()); // 2.3.3
      FieldFolder.append(out, "Status", r.status().toString()); // 2.3.4
      r.remoteMta()
          .ifPresent(
              mta -> FieldFolder.append(out, "Remote-MTA", "dns; " + SafeText.token(mta, 255)));
      r.diagnostic()
          .ifPresent(
              d ->
                  FieldFolder.append(
                      out,
                      "Diagnostic-Code",
                      d.type() + "; " + SafeText.oneLine(d.text(), SafeText.MAX_DIAGNOSTIC)));
      FieldFolder.append(out, "Last-Attempt-Date", MailDate.format(r.lastAttempt(), zone));
      r.willRetryUntil()
          .ifPresent(
              until -> FieldFolder.append(out, "Will-Retry-Until", MailDate.format(until, zone)));
    }
    return out.toString();
  }
}
