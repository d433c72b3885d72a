package org.danerelay.server.tlsrpt;

import org.danerelay.dane.policy.Attempt;
import org.danerelay.server.outbound.smtp.AttemptResult;

/** Told of every delivery attempt, for TLSRPT (RFC 8460): a {@link SessionTally}, or nothing. */
@FunctionalInterface
public interface SessionRecorder {

  /** TLSRPT off ({@code tlsrpt.enabled = false}): nothing is counted. */
  SessionRecorder NONE = (domain, attempt, result) -> {};

  /** One attempt to a host of {@code domain}, and what it came to. */
  void record(String domain, Attempt attempt, AttemptResult result);
}
