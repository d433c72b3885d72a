package org.danerelay.server.metrics;

/** A question {@link QueueProbe} could not get answered; the message says why, in one line. */
public final class ProbeFailure extends RuntimeException {

  ProbeFailure(String reason) {
    super(reason);
  }
}
