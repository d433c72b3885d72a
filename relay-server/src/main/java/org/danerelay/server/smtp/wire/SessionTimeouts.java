package org.danerelay.server.smtp.wire;

import java.time.Duration;

/**
 * The time limits of an inbound session.
 *
 * @param command a whole command line must arrive within this, counted from when the relay starts
 *     waiting for it ({@code smtpd.idle-timeout}); also the limit on a stalled write and on the TLS
 *     handshake
 * @param stress the shorter command limit while the listener is nearly full ({@code
 *     smtpd.stress-timeout}, Postfix's {@code ${stress?{10}:{300}}s})
 * @param session the longest a whole session may last ({@code smtpd.session-timeout})
 * @param minDataRate octets per second of message content that keep the content deadline from
 *     coming closer ({@code smtpd.min-data-rate}, Postfix's {@code smtpd_min_data_rate})
 */
public record SessionTimeouts(
    Duration command, Duration stress, Duration session, long minDataRate) {

  public SessionTimeouts {
    if (command.isNegative() || command.isZero() || stress.isNegative() || stress.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    if (minDataRate < 1) {
      throw new IllegalArgumentException("the minimum data rate must be positive");
    }
  }

  /** The time that {@code octets} of content earn at the minimum data rate, in nanoseconds. */
  long creditFor(int octets) {
    return octets * 1_000_000_000L / minDataRate;
  }
}
