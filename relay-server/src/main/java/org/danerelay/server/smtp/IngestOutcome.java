package org.danerelay.server.smtp;

/** What became of one message's content after DATA: queued durably, or refused with a reply. */
public sealed interface IngestOutcome {

  /** Durably queued: the client may now be told 250. */
  record Queued(String queueId, long size) implements IngestOutcome {}

  /** Not queued; {@code reply} is the full SMTP reply for the client. */
  record Refused(String reply) implements IngestOutcome {}
}
