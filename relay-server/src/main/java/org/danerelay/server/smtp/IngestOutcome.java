package org.danerelay.server.smtp;

import org.danerelay.queue.TlsRequired;

/** What became of one message's content after DATA: queued durably, or refused with a reply. */
public sealed interface IngestOutcome {

  /**
   * Durably queued: the client may now be told 250.
   *
   * @param tlsRequired what the queue keeps of the sender's TLS demand (RFC 8689)
   */
  record Queued(String queueId, long size, TlsRequired tlsRequired) implements IngestOutcome {}

  /** Not queued; {@code reply} is the full SMTP reply for the client. */
  record Refused(String reply) implements IngestOutcome {}
}
